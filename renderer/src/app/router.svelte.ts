export const sections = ['utilisateurs', 'publipostage', 'imports-exports', 'a-faire-ent', 'parametres'] as const;
export type Section = (typeof sections)[number];

interface Route {
  section: Section;
  /** What follows the section: `#/utilisateurs/fiche/42` → ['fiche', '42']. */
  path: string[];
}

function routeFromHash(hash: string): Route {
  const [name = '', ...path] = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  const section = (sections as readonly string[]).includes(name) ? (name as Section) : 'utilisateurs';
  return { section, path: path.filter(Boolean).map(decodeURIComponent) };
}

/** Hash routing: `#/publipostage`, `#/utilisateurs/fiche/42`…, so every screen has an address and Back works. */
class Router {
  section = $state<Section>(routeFromHash(window.location.hash).section);
  path = $state<string[]>(routeFromHash(window.location.hash).path);

  constructor() {
    window.addEventListener('hashchange', () => {
      const route = routeFromHash(window.location.hash);
      this.section = route.section;
      this.path = route.path;
    });
  }

  /** The part after the section: `#/imports-exports/exporter` → « exporter ». */
  get page(): string {
    return this.path[0] ?? '';
  }

  go(section: Section, ...path: string[]): void {
    window.location.hash = `#/${[section, ...path].map(encodeURIComponent).join('/')}`;
  }
}

export const router = new Router();

/** The address of a user sheet, for links. */
export const sheetHref = (id: number) => `#/utilisateurs/fiche/${id}`;
