import {
  BILLING_INTERVALS,
  METER_PAYERS,
  METER_RATE_TYPES,
  METER_TIER_TYPES,
  METER_TOKEN_BASES,
} from "@/lib/schemas/wallet";
import { Field, inputClass, SelectField, TextField } from "./ui";

// The fields of a plan and a bundle, named as the /v1/ API names them; money
// is a decimal string in dollars, as the API takes it.

type Plan = {
  name: string;
  period_amount: string;
  included_credit: string;
  billing_interval: string;
  rollover_type: string;
  bundle_rollover_type: string;
  linked_meters: { meter_id: string }[];
};

type MeterChoice = { meter_id: string; meter_slug: string; name: string };

export function PlanFields({ idPrefix, plan, meters }: { idPrefix: string; plan?: Plan; meters: MeterChoice[] }) {
  const linked = new Set(plan?.linked_meters.map((meter) => meter.meter_id));
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
      {meters.length > 0 ? (
        <fieldset className="sm:col-span-3">
          <legend className="text-xs font-medium text-slate-700">Meters its subscribers' usage is priced by</legend>
          {/* Says the checkboxes were shown: none ticked then unlinks every meter. */}
          <input type="hidden" name="linked_meters_shown" value="1" />
          {/* A linked meter beyond the ones the page lists stays linked. */}
          {plan?.linked_meters
            .filter((linkedMeter) => !meters.some((meter) => meter.meter_id === linkedMeter.meter_id))
            .map((linkedMeter) => (
              <input key={linkedMeter.meter_id} type="hidden" name="linked_meter_ids" value={linkedMeter.meter_id} />
            ))}
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {meters.map((meter) => (
              <label key={meter.meter_id} className="inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  name="linked_meter_ids"
                  value={meter.meter_id}
                  defaultChecked={linked.has(meter.meter_id)}
                />
                {meter.name} <span className="font-mono text-xs text-slate-600">{meter.meter_slug}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}

type Meter = MeterChoice & {
  rate_type: string;
  token_basis: string;
  base_cost_payer: string;
  service_charge_payer: string;
  tiers: { start: number; rate: string; type: string }[];
};

/** A meter's tiers as the form writes them: one per line, its start and its rate. */
export const tiersText = (tiers: Meter["tiers"]) => tiers.map((tier) => `${tier.start} ${tier.rate}`).join("\n");

export function MeterFields({ idPrefix, meter }: { idPrefix: string; meter?: Meter }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField
        label="Slug"
        name="meter_slug"
        idPrefix={idPrefix}
        required
        maxLength={100}
        hint="How a metered request names it: lower-case letters, digits, . _ -"
        defaultValue={meter?.meter_slug}
      />
      <TextField label="Name" name="name" idPrefix={idPrefix} required maxLength={200} defaultValue={meter?.name} />
      <SelectField
        label="Rates are"
        id={`${idPrefix}rate_type`}
        name="rate_type"
        options={METER_RATE_TYPES.map(
          (type) => [type, type === "fixed" ? "USD per unit" : "% of the base cost"] as const,
        )}
        defaultValue={meter?.rate_type ?? "fixed"}
      />
      <SelectField
        label="Unit"
        id={`${idPrefix}tier_type`}
        name="tier_type"
        options={METER_TIER_TYPES}
        defaultValue={meter?.tiers[0]?.type ?? "tokens_1m"}
      />
      <SelectField
        label="Counts"
        id={`${idPrefix}token_basis`}
        name="token_basis"
        options={METER_TOKEN_BASES}
        defaultValue={meter?.token_basis ?? "input+output"}
      />
      <SelectField
        label="Base cost paid by"
        id={`${idPrefix}base_cost_payer`}
        name="base_cost_payer"
        options={METER_PAYERS}
        defaultValue={meter?.base_cost_payer ?? "wallet"}
      />
      <SelectField
        label="Service charge paid by"
        id={`${idPrefix}service_charge_payer`}
        name="service_charge_payer"
        options={METER_PAYERS}
        defaultValue={meter?.service_charge_payer ?? "wallet"}
      />
      <div className="sm:col-span-2">
        <Field
          label="Tiers"
          id={`${idPrefix}tiers`}
          hint="One per line: where it starts (in the unit's count) and its rate, e.g. “0 2.50” then “1000000 1.25”."
        >
          <textarea
            id={`${idPrefix}tiers`}
            name="tiers"
            required
            rows={3}
            className={`${inputClass} font-mono`}
            defaultValue={meter ? tiersText(meter.tiers) : "0 "}
          />
        </Field>
      </div>
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
