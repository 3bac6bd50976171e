import { unwrap, type CliCommand } from '../command.ts';

export const demoCommand: CliCommand = {
  options: { replace: { type: 'boolean' } },
  async run({ api, out }, values) {
    const summary = unwrap(await api.school.loadDemo({ replace: values['replace'] === true }));
    out(`École de démonstration chargée : ${summary.accounts} comptes, ${summary.classes} classes.`);
  },
};
