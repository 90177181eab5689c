import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { BundleFields, PlanFields } from "@/components/dashboard/catalogue-fields";
import { EmptyState, PageTitle, Section, SelectField } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { listSubscriptionConfigs } from "@/lib/wallet/list-wallet-objects";
import { subscriptionConfigJson } from "@/lib/wallet/wallet-json";
import { createBundle, createPlan, updateBundle, updatePlan } from "./actions";

export const metadata: Metadata = { title: "Catalogue" };

/** The most plans the page shows; more are listed by GET /v1/subscription_configs. */
const PLANS_SHOWN = 100;

export default async function CataloguePage() {
  const { scope, user } = await dashboardContext();
  const canAct = user.role === "owner";
  const plans = (await listSubscriptionConfigs(db(), scope, { take: PLANS_SHOWN })).map(subscriptionConfigJson);
  return (
    <div className="space-y-4">
      <PageTitle lead="Subscription plans for wallet customers, and the credit bundles each plan's subscribers can buy.">
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
            </p>
            {canAct ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand">Edit plan</summary>
                <div className="mt-2">
                  <ActionForm action={updatePlan} label="Save plan" hidden={{ id: plan.subscription_config_id }}>
                    <PlanFields idPrefix={`${plan.subscription_config_id}-`} plan={plan} />
                  </ActionForm>
                </div>
              </details>
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
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sm font-medium text-brand">Edit bundle</summary>
                        <div className="mt-2">
                          <ActionForm
                            action={updateBundle}
                            label="Save bundle"
                            hidden={{ id: bundle.credit_bundle_id }}
                          >
                            <BundleFields idPrefix={`${bundle.credit_bundle_id}-`} bundle={bundle} />
                          </ActionForm>
                        </div>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ))
      )}
      {canAct ? (
        <>
          <Section title="New plan">
            <ActionForm action={createPlan} label="Create plan" testId="create-plan">
              <PlanFields idPrefix="new-plan-" />
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
