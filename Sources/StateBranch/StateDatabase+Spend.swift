public import Foundation
import GRDB
public import Store

/// What agents spent, summed from `token_usage` (one row per agent session holding its totals).
public struct Spend: Sendable, Equatable {
    /// US dollars reported or priced.
    public var usd: Double
    /// Input, cached and output tokens together.
    public var tokens: Int

    /// Creates a value.
    public init(usd: Double = 0, tokens: Int = 0) {
        self.usd = usd
        self.tokens = tokens
    }
}

extension StateDatabase {
    /// What agent sessions spent: on `workItem` when given (its runs of `stage` when that is given too), and only
    /// what was recorded at or after `since` when given. A session recorded with several turn rows counts once,
    /// with its largest totals.
    public func spend(workItem: WorkItemKey? = nil, stage: String? = nil, since: Date? = nil) async throws -> Spend {
        try await read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let workItem {
                conditions.append("w.repository = ? AND w.number = ?")
                arguments += [workItem.repository, workItem.number]
            }
            if let stage {
                conditions.append("r.stage = ?")
                arguments.append(stage)
            }
            if let since {
                conditions.append("u.recorded_at >= ?")
                arguments.append(StateTimestamp.text(since))
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(u.cost), 0) AS usd, coalesce(sum(u.tokens), 0) AS tokens
                    FROM (
                        SELECT session_id, max(coalesce(cost_usd, 0)) AS cost, max(total_tokens) AS tokens,
                            max(recorded_at) AS recorded_at
                        FROM token_usage GROUP BY session_id
                    ) u
                    JOIN agent_sessions s ON s.session_id = u.session_id
                    JOIN attempts a ON a.attempt_id = s.attempt_id
                    JOIN runs r ON r.run_id = a.run_id
                    JOIN work_items w ON w.id = r.work_item
                    \(filter)
                    """, arguments: StatementArguments(arguments))
            return Spend(usd: row?["usd"] ?? 0, tokens: row?["tokens"] ?? 0)
        }
    }
}
