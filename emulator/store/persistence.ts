import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emptyState, type EmulatorState } from "./model";

/**
 * Persists the whole state as one JSON file in `--data <dir>`. Writes go to a temp file that is then renamed over
 * the old one: rename is atomic on one filesystem, so a crash leaves either the old or the new state, never half.
 */
export interface Persistence {
  load(): EmulatorState;
  save(state: EmulatorState): void;
}

export const STATE_FILE_NAME = "iothub-emulator-state.json";

export class FilePersistence implements Persistence {
  private readonly file: string;
  private writes = 0;

  constructor(private readonly dir: string) {
    this.file = join(dir, STATE_FILE_NAME);
  }

  load(): EmulatorState {
    mkdirSync(this.dir, { recursive: true });
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
      throw e;
    }
    const parsed = JSON.parse(text) as EmulatorState;
    if (parsed.version !== 1) throw new Error(`${this.file}: unsupported state version ${String(parsed.version)}`);
    return parsed;
  }

  save(state: EmulatorState): void {
    // pid + counter: two emulators sharing a dir (a mistake, but possible) never write the same temp file
    const temp = `${this.file}.${process.pid}.${++this.writes}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, this.file);
  }
}

export class MemoryPersistence implements Persistence {
  load(): EmulatorState {
    return emptyState();
  }
  save(): void {
    // in-memory mode: the state object itself is the store
  }
}
