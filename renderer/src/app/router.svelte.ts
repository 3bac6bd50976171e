export const sections = ['utilisateurs', 'publipostage', 'imports-exports', 'parametres'] as const;
export type Section = (typeof sections)[number];

function sectionFromHash(hash: string): Section {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (sections as readonly string[]).includes(name) ? (name as Section) : 'utilisateurs';
}

/** The part after the section: `#/imports-exports/exporter` → « exporter ». */
function pageFromHash(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/')[1] ?? '';
}

/** Hash routing: `#/publipostage` etc., so every screen has an address and Back works. */
class Router {
  section = $state<Section>(sectionFromHash(window.location.hash));
  page = $state(pageFromHash(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.section = sectionFromHash(window.location.hash);
      this.page = pageFromHash(window.location.hash);
    });
  }

  go(section: Section): void {
    window.location.hash = `#/${section}`;
  }
}

export const router = new Router();
