import { useId, type ReactNode } from 'react';

/** Small labelled form controls: every control has an accessible name (label ↔ id). */
export function SelectField<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { value: T; label: string }[];
  readonly onChange: (v: T) => void;
  readonly disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => {
          props.onChange(e.target.value as T);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SliderField(props: {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly onChange: (v: number) => void;
  readonly format?: (v: number) => string;
  readonly log?: boolean;
  readonly disabled?: boolean;
}) {
  const id = useId();
  const toSlider = (v: number): number => (props.log === true ? Math.log10(v) : v);
  const fromSlider = (v: number): number => (props.log === true ? 10 ** v : v);
  return (
    <div className="field slider">
      <label htmlFor={id}>
        {props.label}{' '}
        <output htmlFor={id}>
          {props.format ? props.format(props.value) : String(props.value)}
        </output>
      </label>
      <input
        id={id}
        type="range"
        min={toSlider(props.min)}
        max={toSlider(props.max)}
        step={props.step}
        value={toSlider(props.value)}
        disabled={props.disabled}
        onChange={(e) => {
          props.onChange(Number(fromSlider(Number(e.target.value)).toPrecision(4)));
        }}
      />
    </div>
  );
}

export function NumberField(props: {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly onChange: (v: number) => void;
  readonly disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        disabled={props.disabled}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v)) props.onChange(v);
        }}
      />
    </div>
  );
}

export function CheckboxField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (v: boolean) => void;
  readonly disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => {
          props.onChange(e.target.checked);
        }}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** A titled panel that URL flags can hide (`?hide=teachers,student`). */
export function Panel(props: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
  readonly hidden?: boolean;
}) {
  if (props.hidden === true) return null;
  return (
    <section className="panel" aria-label={props.title} data-panel={props.id}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}
