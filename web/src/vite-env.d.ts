/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The partnership shown in the header and footer, e.g. "Example Local Safeguarding Children Board". */
  readonly VITE_BOARD_NAME?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
