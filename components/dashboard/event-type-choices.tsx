import { EVENT_TYPES, type EventType } from "@/lib/event-types";

/** The endpoint form's filter: a box per event type; none ticked means every type. */
export function EventTypeChoices({ selected = [], idPrefix }: { selected?: string[]; idPrefix: string }) {
  return (
    <fieldset>
      <legend className="text-xs font-medium text-slate-700">Events (none ticked: every event)</legend>
      <div className="mt-1 grid max-h-56 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
        {(Object.keys(EVENT_TYPES) as EventType[]).map((type) => (
          <label
            key={type}
            htmlFor={`${idPrefix}-${type}`}
            className="flex items-start gap-2 text-sm"
            title={EVENT_TYPES[type]}
          >
            <input
              id={`${idPrefix}-${type}`}
              type="checkbox"
              name="events"
              value={type}
              defaultChecked={selected.includes(type)}
              className="mt-1"
            />
            <span className="font-mono text-xs">{type}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
