import { useEffect, useState } from 'react';
import { ForgeFrame } from './ForgeFrame';
import { sandbox } from './sandbox-api';

interface ManifestModule {
  readonly key: string;
  readonly resource?: string;
  readonly title?: string;
}

/** Loads every module of one type that the app's manifest declares (gadgets, admin page). */
export const ModuleSlots = ({ type, title, empty }: { type: string; title: string; empty: string }) => {
  const [modules, setModules] = useState<readonly ManifestModule[] | null>(null);
  useEffect(() => {
    void sandbox<Record<string, ManifestModule[]>>('GET', 'manifest').then((all) => setModules(all[type] ?? []));
  }, [type]);
  return (
    <section aria-labelledby="slots-title">
      <h1 id="slots-title">{title}</h1>
      {modules === null ? (
        <p role="status">Loading…</p>
      ) : modules.length === 0 ? (
        <p className="shell-muted">{empty}</p>
      ) : (
        <div className="shell-slots">
          {modules.map((module) => (
            <section key={module.key} className="shell-slot" aria-label={module.title ?? module.key}>
              <h2>{module.title ?? module.key}</h2>
              {module.resource && (
                <ForgeFrame
                  resource={module.resource}
                  moduleKey={module.key}
                  extension={{ type }}
                  title={module.title ?? module.key}
                  minHeight={160}
                />
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
};
