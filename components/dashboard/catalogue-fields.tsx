import { BILLING_INTERVALS } from "@/lib/schemas/wallet";
import { SelectField, TextField } from "./ui";

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
      <SelectField
        label="Billed every"
        id={`${idPrefix}billing_interval`}
        name="billing_interval"
        options={BILLING_INTERVALS}
        defaultValue={plan?.billing_interval ?? "month"}
      />
      <SelectField
        label="Unused plan credit at renewal"
        id={`${idPrefix}rollover_type`}
        name="rollover_type"
        options={["none", "full"]}
        defaultValue={plan?.rollover_type ?? "none"}
      />
      <SelectField
        label="Unused bundle credit at renewal"
        id={`${idPrefix}bundle_rollover_type`}
        name="bundle_rollover_type"
        options={["full", "none"]}
        defaultValue={plan?.bundle_rollover_type ?? "full"}
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
