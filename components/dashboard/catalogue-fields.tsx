import { Field, inputClass, TextField } from "./ui";

// The fields of a plan and a bundle, named as the /v1/ API names them; money
// is a decimal string in dollars, as the API takes it.

type Plan = {
  name: string;
  period_amount: string;
  included_credit: string;
  billing_interval: string;
  rollover_type: string;
  bundle_rollover_type: string;
};

const INTERVALS = ["day", "week", "month", "year"];

function Choice({
  label,
  id,
  name,
  options,
  value,
}: {
  label: string;
  id: string;
  name: string;
  options: string[];
  value?: string;
}) {
  return (
    <Field label={label} id={id}>
      <select id={id} name={name} defaultValue={value} className={inputClass}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function PlanFields({ idPrefix, plan }: { idPrefix: string; plan?: Plan }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField label="Name" name="name" idPrefix={idPrefix} required maxLength={200} defaultValue={plan?.name} />
      <TextField
        label="Price per period (USD)"
        name="period_amount"
        idPrefix={idPrefix}
        required
        inputMode="decimal"
        defaultValue={plan?.period_amount}
      />
      <TextField
        label="Included credit (USD)"
        name="included_credit"
        idPrefix={idPrefix}
        inputMode="decimal"
        defaultValue={plan?.included_credit ?? "0.00"}
      />
      <Choice
        label="Billed every"
        id={`${idPrefix}billing_interval`}
        name="billing_interval"
        options={INTERVALS}
        value={plan?.billing_interval ?? "month"}
      />
      <Choice
        label="Unused plan credit at renewal"
        id={`${idPrefix}rollover_type`}
        name="rollover_type"
        options={["none", "full"]}
        value={plan?.rollover_type ?? "none"}
      />
      <Choice
        label="Unused bundle credit at renewal"
        id={`${idPrefix}bundle_rollover_type`}
        name="bundle_rollover_type"
        options={["full", "none"]}
        value={plan?.bundle_rollover_type ?? "full"}
      />
    </div>
  );
}

export function BundleFields({
  idPrefix,
  bundle,
}: {
  idPrefix: string;
  bundle?: { name: string; cost: string; credit_amount: string };
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField label="Name" name="name" idPrefix={idPrefix} required maxLength={200} defaultValue={bundle?.name} />
      <TextField
        label="Price (USD)"
        name="cost"
        idPrefix={idPrefix}
        required
        inputMode="decimal"
        defaultValue={bundle?.cost}
      />
      <TextField
        label="Credit (USD)"
        name="credit_amount"
        idPrefix={idPrefix}
        required
        inputMode="decimal"
        defaultValue={bundle?.credit_amount}
      />
    </div>
  );
}
