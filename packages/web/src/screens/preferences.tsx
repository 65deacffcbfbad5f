/**
 * Preferences, asked once after the first check (and open to change from the plan): they shape which choices
 * the plan offers first. Every question may be left unanswered.
 */
import type { Preferences } from '@unknot/core';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { episode, savePreferences } from '../lib/records.ts';
import { t } from '../strings.ts';

type YesNo = 'yes' | 'no' | '';

function Radios<V extends string>(props: {
  name: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset class="radios">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="check-row">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => {
              props.onChange(o.value);
            }}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

const toYesNo = (b: boolean | undefined): YesNo => (b === undefined ? '' : b ? 'yes' : 'no');

export default function PreferencesScreen() {
  const { route } = useLocation();
  const current = episode.value?.preferences ?? {};
  const [thermal, setThermal] = useState<'' | NonNullable<Preferences['thermal']>>(current.thermal ?? '');
  const [ice, setIce] = useState<YesNo>(toYesNo(current.hasIcePack));
  const [shower, setShower] = useState<YesNo>(toYesNo(current.hasShower));
  const [work, setWork] = useState<'' | NonNullable<Preferences['work']>>(current.work ?? '');
  const yesNo = [
    { value: 'yes' as const, label: t.prefs.yes },
    { value: 'no' as const, label: t.prefs.no },
    { value: '' as const, label: t.prefs.unanswered },
  ];

  const save = async (preferences: Preferences): Promise<void> => {
    await savePreferences(preferences);
    route('/');
  };

  return (
    <section class="screen">
      <Heading>{t.prefs.title}</Heading>
      <p>{t.prefs.intro}</p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const preferences: Preferences = {};
          if (thermal) preferences.thermal = thermal;
          if (ice) preferences.hasIcePack = ice === 'yes';
          if (shower) preferences.hasShower = shower === 'yes';
          if (work) preferences.work = work;
          void save(preferences);
        }}
      >
        <Radios
          name="thermal"
          legend={t.prefs.thermal}
          value={thermal}
          onChange={setThermal}
          options={[
            { value: 'heat', label: t.prefs.thermalOptions.heat },
            { value: 'ice', label: t.prefs.thermalOptions.ice },
            { value: 'either', label: t.prefs.thermalOptions.either },
          ]}
        />
        <Radios name="ice" legend={t.prefs.hasIcePack} value={ice} onChange={setIce} options={yesNo} />
        <Radios
          name="shower"
          legend={t.prefs.hasShower}
          value={shower}
          onChange={setShower}
          options={yesNo}
        />
        <Radios
          name="work"
          legend={t.prefs.work}
          value={work}
          onChange={setWork}
          options={[
            { value: 'sitting', label: t.prefs.workOptions.sitting },
            { value: 'standing', label: t.prefs.workOptions.standing },
            { value: 'physical', label: t.prefs.workOptions.physical },
            { value: '', label: t.prefs.unanswered },
          ]}
        />
        <div class="actions">
          <button type="submit" class="button primary">
            {t.prefs.save}
          </button>
          <button type="button" class="button" onClick={() => void save(current)}>
            {t.prefs.skip}
          </button>
        </div>
      </form>
    </section>
  );
}
