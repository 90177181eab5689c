import type { Metadata } from "next";
import { ActionForm } from "@/components/dashboard/action-form";
import { formatUtc } from "@/components/dashboard/payments-table";
import { cellClass, PageTitle, Section, SelectField, Table, TextField } from "@/components/dashboard/ui";
import { brandingJson, getBranding } from "@/lib/branding/branding";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getMerchantOrThrow } from "@/lib/merchants/get-merchant";
import { listDashboardUsers } from "@/lib/merchants/list-dashboard-users";
import { DASHBOARD_ROLES, PASSWORD_MIN_LENGTH } from "@/lib/schemas/dashboard-user";
import { walletSettings } from "@/lib/wallet/wallet-settings";
import { addTeamMember, changePassword, removeTeamMember, saveMerchantName, saveWalletSettings } from "./actions";
import { BrandingSection } from "./branding-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { user, scope } = await dashboardContext();
  const canAct = user.role === "owner";
  const [merchant, team, branding, wallet] = await Promise.all([
    getMerchantOrThrow(db(), user.merchantId),
    listDashboardUsers(db(), user.merchantId),
    getBranding(db(), scope),
    walletSettings(db(), scope),
  ]);
  return (
    <div className="space-y-4">
      <PageTitle lead={<span className="font-mono">{merchant.id}</span>}>Settings</PageTitle>

      <Section title="Business">
        {canAct ? (
          <div className="max-w-md">
            <ActionForm action={saveMerchantName} label="Save name" testId="merchant-name-form">
              <TextField
                label="Name shown to customers"
                name="name"
                idPrefix="merchant-"
                required
                maxLength={200}
                defaultValue={merchant.name}
              />
            </ActionForm>
          </div>
        ) : (
          <p className="text-sm">{merchant.name}</p>
        )}
      </Section>

      <BrandingSection branding={brandingJson(branding, env().publicBaseUrl)} canAct={canAct} />

      <Section title="Metered usage" testId="wallet-settings">
        {canAct ? (
          <div className="max-w-md">
            <ActionForm action={saveWalletSettings} label="Save threshold" testId="wallet-settings-form">
              <TextField
                label="Low-balance threshold (USD)"
                name="low_balance_threshold"
                idPrefix="wallet-"
                inputMode="decimal"
                defaultValue={wallet.low_balance_threshold ?? ""}
                hint="A wallet.low_balance event when a metered request takes a customer's spendable balance below it, in this mode. Empty: none."
              />
            </ActionForm>
          </div>
        ) : (
          <p className="text-sm">
            Low-balance threshold: {wallet.low_balance_threshold ? `$${wallet.low_balance_threshold}` : "none"}
          </p>
        )}
      </Section>

      <Section title="Team" testId="team">
        <Table head={["E-mail", "Role", "Since", ""]}>
          {team.map((member) => (
            <tr key={member.id} data-testid="team-member">
              <td className={`${cellClass} break-all`}>
                {member.email} {member.id === user.id ? <span className="text-slate-600">(you)</span> : null}
              </td>
              <td className={cellClass}>{member.role}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatUtc(member.createdAt)}</td>
              <td className={cellClass}>
                {canAct && member.id !== user.id ? (
                  <ActionForm
                    action={removeTeamMember}
                    label={`Remove ${member.email}`}
                    tone="danger"
                    hidden={{ id: member.id }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
        {canAct ? (
          <div className="mt-4 max-w-md">
            <ActionForm action={addTeamMember} label="Add user" testId="add-user">
              <TextField label="Email" name="email" idPrefix="new-user-" type="email" required autoComplete="off" />
              <TextField
                label="Initial password"
                name="password"
                idPrefix="new-user-"
                type="password"
                required
                minLength={PASSWORD_MIN_LENGTH}
                autoComplete="new-password"
                hint={`At least ${PASSWORD_MIN_LENGTH} characters. They can change it under Settings.`}
              />
              <SelectField
                label="Role"
                id="new-user-role"
                name="role"
                defaultValue="viewer"
                options={DASHBOARD_ROLES.map(
                  (role) => [role, role === "owner" ? "owner (everything)" : "viewer (read only)"] as const,
                )}
              />
            </ActionForm>
          </div>
        ) : null}
      </Section>

      <Section title="Your password">
        <div className="max-w-md">
          <ActionForm action={changePassword} label="Change password" testId="password-form">
            <TextField
              label="Current password"
              name="current"
              idPrefix="password-"
              type="password"
              required
              autoComplete="current-password"
            />
            <TextField
              label="New password"
              name="next"
              idPrefix="password-"
              type="password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              autoComplete="new-password"
            />
            <TextField
              label="New password again"
              name="repeat"
              idPrefix="password-"
              type="password"
              required
              autoComplete="new-password"
            />
          </ActionForm>
        </div>
      </Section>
    </div>
  );
}
