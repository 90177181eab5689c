import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { BundleFields, MeterFields, PlanFields } from "@/components/dashboard/catalogue-fields";
import { EditInPlace, EmptyState, PageTitle, Section, SelectField } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { listMeters, listSubscriptionConfigs } from "@/lib/wallet/list-wallet-objects";
import { meterJson, subscriptionConfigJson } from "@/lib/wallet/wallet-json";
import { createBundle, createMeterAction, createPlan, updateBundle, updateMeterAction, updatePlan } from "./actions";

export const metadata: Metadata = { title: "Catalogue" };

/** The most plans (and meters) the page shows; more are listed by GET /v1/subscription_configs (/v1/meters). */
const PLANS_SHOWN = 100;

export default async function CataloguePage() {
  const { scope, user } = await dashboardContext();
  const canAct = user.role === "owner";
  const [plans, meters] = await Promise.all([
    listSubscriptionConfigs(db(), scope, { take: PLANS_SHOWN }).then((rows) => rows.map(subscriptionConfigJson)),
    listMeters(db(), scope, { take: PLANS_SHOWN }).then((rows) => rows.map(meterJson)),
  ]);
  return (
    <div className="space-y-4">
      <PageTitle lead="Subscription plans for wallet customers, the credit bundles each plan's subscribers can buy, and the meters their usage is priced by.">
        Catalogue
      </PageTitle>
      {plans.length === 0 ? (
        <EmptyState>
          No {scope.mode} plans yet. Create one below; then a wallet checkout in subscription mode can sell it.
        </EmptyState>
      ) : (
        plans.map((plan) => (
          <Section key={plan.subscription_config_id} title={plan.name} testId="plan">
            <p className="text-sm text-slate-700">
              <span className="font-mono">{plan.subscription_config_id}</span> · ${plan.period_amount} per{" "}
              {plan.billing_interval}, ${plan.included_credit} credit included
              {plan.linked_meters.length > 0
                ? `; meters: ${plan.linked_meters.map((meter) => meter.name).join(", ")}`
                : ""}
            </p>
            {canAct ? (
              <EditInPlace summary="Edit plan" className="mt-2">
                <ActionForm action={updatePlan} label="Save plan" hidden={{ id: plan.subscription_config_id }}>
                  <PlanFields idPrefix={`${plan.subscription_config_id}-`} plan={plan} meters={meters} />
                </ActionForm>
              </EditInPlace>
            ) : null}
            <h3 className="mt-4 text-sm font-semibold">Credit bundles</h3>
            {plan.credit_bundles.length === 0 ? (
              <p className="text-sm text-slate-700">None.</p>
            ) : (
              <ul className="mt-1 space-y-2 text-sm">
                {plan.credit_bundles.map((bundle) => (
                  <li key={bundle.credit_bundle_id} data-testid="bundle">
                    {bundle.name}: ${bundle.credit_amount} credit for ${bundle.cost}{" "}
                    <span className="font-mono text-xs text-slate-600">{bundle.credit_bundle_id}</span>
                    {canAct ? (
                      <EditInPlace summary="Edit bundle" className="mt-1">
                        <ActionForm action={updateBundle} label="Save bundle" hidden={{ id: bundle.credit_bundle_id }}>
                          <BundleFields idPrefix={`${bundle.credit_bundle_id}-`} bundle={bundle} />
                        </ActionForm>
                      </EditInPlace>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ))
      )}
      <Section title="Meters" testId="meters">
        {meters.length === 0 ? (
          <p className="text-sm text-slate-700">
            No {scope.mode} meters yet. A meter says what a customer's metered usage costs, by its tiers.
          </p>
        ) : (
          <ul className="space-y-2 text-sm">
            {meters.map((meter) => (
              <li key={meter.meter_id} data-testid="meter">
                {meter.name} <span className="font-mono text-xs text-slate-600">{meter.meter_slug}</span>:{" "}
                {meter.tiers
                  .map(
                    (tier) =>
                      `from ${tier.start} ${meter.rate_type === "fixed" ? `$${tier.rate}` : `${tier.rate} %`} ${tier.type}`,
                  )
                  .join(", ")}{" "}
                <span className="font-mono text-xs text-slate-600">{meter.meter_id}</span>
                {canAct ? (
                  <EditInPlace summary="Edit meter" className="mt-1">
                    <ActionForm action={updateMeterAction} label="Save meter" hidden={{ id: meter.meter_id }}>
                      <MeterFields idPrefix={`${meter.meter_id}-`} meter={meter} />
                    </ActionForm>
                  </EditInPlace>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {canAct ? (
        <>
          <Section title="New meter">
            <ActionForm action={createMeterAction} label="Create meter" testId="create-meter">
              <MeterFields idPrefix="new-meter-" />
            </ActionForm>
          </Section>
          <Section title="New plan">
            <ActionForm action={createPlan} label="Create plan" testId="create-plan">
              <PlanFields idPrefix="new-plan-" meters={meters} />
            </ActionForm>
          </Section>
          {plans.length > 0 ? (
            <Section title="New credit bundle">
              <ActionForm action={createBundle} label="Create bundle" testId="create-bundle">
                <SelectField
                  label="For subscribers of"
                  id="new-bundle-plan"
                  name="subscription_config_id"
                  options={plans.map((plan) => [plan.subscription_config_id, plan.name] as const)}
                />
                <BundleFields idPrefix="new-bundle-" />
              </ActionForm>
            </Section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
