import { errorCode, type Logger } from '../logging';
import type { ShutdownReport } from './createServer';

/**
 * On SIGTERM or SIGINT, run `shutdown` once and exit with 0 when every turn finished, 1 otherwise.
 * A second signal while waiting exits at once. Returns a function that removes the handlers.
 */
export function handleShutdownSignals(
  shutdown: () => Promise<ShutdownReport>,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'shutdown_forced');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutdown_started');
    shutdown().then(
      (report) => exit(report.drained ? 0 : 1),
      (error: unknown) => {
        logger.error({ code: errorCode(error) }, 'shutdown_failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
