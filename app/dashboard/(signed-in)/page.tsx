import { dashboardContext } from "@/lib/dashboard/context";

export default async function OverviewPage() {
  const { scope } = await dashboardContext();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-2 text-slate-700" data-testid="overview-mode">
        You are looking at {scope.mode} data.
      </p>
    </div>
  );
}
