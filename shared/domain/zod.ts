import { z } from 'zod';

// Validation messages in French wherever a schema speaks to the user.
z.config(z.locales.fr());

export { z };
