/** Events pushed from the core to every subscribed client (IPC, SSE, in-process). */
export type JobKind = 'import' | 'pdf' | 'mail' | 'export' | 'backup';

export interface ProgressEvent {
  type: 'progress';
  jobId: string;
  kind: JobKind;
  done: number;
  total: number;
  /** Short French label of the current step, e.g. « Lecture de export.csv ». */
  label: string;
}

export interface JobEndEvent {
  type: 'job-end';
  jobId: string;
  kind: JobKind;
  outcome: 'done' | 'failed' | 'cancelled';
}

/** Something changed in the school file: lists should refresh. */
export interface DataChangedEvent {
  type: 'data-changed';
  area: 'accounts' | 'classes' | 'settings' | 'school';
}

/** The desktop menu asks the renderer to show a screen (« Paramètres… », « Restaurer une sauvegarde… »). */
export interface ShowScreenEvent {
  type: 'show-screen';
  screen: 'settings' | 'backups';
}

export type SesameEvent = ProgressEvent | JobEndEvent | DataChangedEvent | ShowScreenEvent;

export type EventListener = (event: SesameEvent) => void;
