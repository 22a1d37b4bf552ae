import { useEffect, useRef, useState } from "react";
import { t } from "~/locales";

/**
 * Ring counter and stopwatch for a test call: tap once per ring, start the watch when
 * hold music begins and stop it when someone answers, then copy both into the form.
 */
export function CallTimer({ onApply }: { onApply: (rings: number, seconds: number) => void }) {
  const [rings, setRings] = useState(0);
  const [elapsed, setElapsed] = useState(0);
  const [running, setRunning] = useState(false);
  const started = useRef(0);

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setElapsed(Date.now() - started.current), 200);
    return () => window.clearInterval(timer);
  }, [running]);

  const seconds = Math.round(elapsed / 1000);
  return (
    <div className="card call-timer">
      <div className="inline-form">
        <div>
          <div className="muted">{t("evaluator.rings")}</div>
          <div className="stat" aria-live="polite" data-testid="ring-count">
            {rings}
          </div>
        </div>
        <button type="button" onClick={() => setRings((r) => r + 1)}>
          {t("evaluator.ringAdd")}
        </button>
        <button type="button" className="secondary" onClick={() => setRings(0)}>
          {t("evaluator.ringReset")}
        </button>
      </div>
      <div className="inline-form">
        <div>
          <div className="muted">{t("evaluator.stopwatch")}</div>
          <div className="stat" aria-live="off" data-testid="stopwatch">
            {seconds}s
          </div>
        </div>
        {running ? (
          <button type="button" onClick={() => setRunning(false)}>
            {t("evaluator.stop")}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              started.current = Date.now() - elapsed;
              setRunning(true);
            }}
          >
            {t("evaluator.start")}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => onApply(rings, seconds)}>
          {t("evaluator.useFigures")}
        </button>
      </div>
    </div>
  );
}
