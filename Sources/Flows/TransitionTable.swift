/// A flow written as data: every allowed move from a state on an event, the condition it needs and the side
/// effects it causes, in one table that can be printed, tested row by row and documented.
///
/// The table never performs anything itself. A flow's runner asks ``transition(from:on:where:)`` which row applies,
/// performs the row's ``Transition/actions`` in order (each keyed so that doing it again reads instead of
/// re-creating), then saves the new state. Rows are tried in the order written; the first whose guard holds wins,
/// so a guarded row followed by an unguarded one for the same `(state, event)` reads as "if … else …".
///
/// ```swift
/// let table = TransitionTable<Light, Press, Never, Lamp>([
///     .init(from: .off, on: .press, to: .on, actions: [.switchOn]),
///     .init(from: .on, on: .press, to: .off, actions: [.switchOff]),
/// ])
/// ```
public struct TransitionTable<State: Hashable & Sendable, Event: Hashable & Sendable, Guard: Sendable, Action: Sendable>:
    Sendable
{
    /// One row: from `from` on `event`, when `guard` holds (or always when nil), go to `to` doing `actions`.
    public struct Transition: Sendable {
        /// The state the row starts from.
        public let from: State
        /// The event it answers.
        public let event: Event
        /// The condition that must hold; nil: always.
        public let condition: Guard?
        /// The state after the row.
        public let to: State
        /// The side effects, performed in order before the new state is saved.
        public let actions: [Action]

        /// Creates a row.
        public init(from: State, on event: Event, when condition: Guard? = nil, to: State, actions: [Action] = []) {
            self.from = from
            self.event = event
            self.condition = condition
            self.to = to
            self.actions = actions
        }
    }

    /// Every row, in the order they are tried.
    public let rows: [Transition]

    /// Creates a table from its rows.
    public init(_ rows: [Transition]) {
        self.rows = rows
    }

    /// The first row for `(state, event)` whose guard `holds`; nil when the event does nothing in `state`.
    ///
    /// `holds` is asked only for guarded rows of this `(state, event)`, in table order, so an expensive guard (a
    /// permission read on the forge) is evaluated only when it can matter.
    public func transition(
        from state: State, on event: Event, where holds: (Guard) async throws -> Bool
    ) async rethrows -> Transition? {
        for row in rows where row.from == state && row.event == event {
            guard let condition = row.condition else { return row }
            if try await holds(condition) { return row }
        }
        return nil
    }

    /// The events that do something in `state`, in table order without repeats.
    public func events(from state: State) -> [Event] {
        var seen: [Event] = []
        for row in rows where row.from == state && !seen.contains(row.event) { seen.append(row.event) }
        return seen
    }

    /// The states reachable from `state` by one row.
    public func successors(of state: State) -> Set<State> {
        Set(rows.filter { $0.from == state }.map(\.to))
    }
}
