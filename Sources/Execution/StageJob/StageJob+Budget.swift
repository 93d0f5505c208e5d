import Forge
import Foundation
import Pipeline
import StateBranch

extension StageJob {
    /// The marker of the comment that says a stage was refused for its budget.
    static func budgetMarker(workItem: Int) -> String { "<!-- conveyor:budget:\(workItem) -->" }

    /// Checks the configured budgets (`budgets:`) before anything is claimed: the spend of this stage on this work
    /// item, of the whole work item, and of the repository since midnight UTC, summed from the state database's
    /// `token_usage`. When one is spent, says so in a comment on the work item, adds `need:pm`, removes the trigger
    /// label, and returns a ``StageJobResult/Outcome/budgetExceeded`` result; nil when the stage may run.
    func budgetRefusal(now: Date = Date()) async throws -> StageJobResult? {
        let budgets = environment.work.budgets
        guard !(budgets.stage.isOff && budgets.workItem.isOff && budgets.day.isOff) else { return nil }
        let item = request.workItem
        let stage = request.stage.name.rawValue
        var spent: [String] = []
        for (key, what, limit, spend) in try await budgetSpends(now: now) {
            if let usd = limit.usd, spend.usd >= usd {
                spent.append(
                    String(
                        format: "%@ has spent $%.4f of its $%.2f budget (`budgets.%@.usd`)", what, spend.usd, usd, key))
            }
            if let tokens = limit.tokens, spend.tokens >= tokens {
                spent.append("\(what) has used \(spend.tokens) of its \(tokens) tokens (`budgets.\(key).tokens`)")
            }
        }
        guard !spent.isEmpty else { return nil }
        try await handBudgetToPM(
            spent.map { "- \($0)." }
                + [
                    "",
                    "Stage `\(stage)` was not started: no agent ran and nothing was claimed. "
                        + Self.budgetDecision,
                ])
        await environment.log?.record(step: "budget", result: "refused")
        return StageJobResult(
            outcome: .budgetExceeded, stage: stage, verdict: "",
            message: "Stage \(stage) on #\(item.number) was refused: " + spent.joined(separator: "; ")
                + ". See the comment on the work item; it carries `need:pm`.")
    }

    /// Each configured budget with what was spent against it, summed from the state database's `token_usage`: the
    /// key under `budgets`, a phrase naming it, the limit and the spend.
    func budgetSpends(now: Date) async throws -> [(key: String, what: String, limit: Budgets.Limit, spend: Spend)] {
        let budgets = environment.work.budgets
        let item = request.workItem
        let stage = request.stage.name.rawValue
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let midnight = calendar.startOfDay(for: now)
        let (stageSpend, itemSpend, daySpend) = try await StateSnapshot.reading(environment.state.location) {
            snapshot in
            (
                try await snapshot.database.spend(workItem: item, stage: stage),
                try await snapshot.database.spend(workItem: item),
                try await snapshot.database.spend(since: midnight)
            )
        }
        return [
            ("stage", "stage `\(stage)` on #\(item.number)", budgets.stage, stageSpend),
            ("work_item", "work item #\(item.number)", budgets.workItem, itemSpend),
            ("day", "this repository today (UTC)", budgets.day, daySpend),
        ]
    }

    /// What the budget comment asks of a person, whether the stage was refused or stopped.
    static let budgetDecision =
        "A product manager decides: raise the budget in `.conveyor/config.yml`, or wait for the daily budget to "
        + "reset, then add the stage's label again."

    /// Writes the budget comment (one per work item, updated in place) with `lines` under its heading, adds
    /// `need:pm` and removes the trigger label.
    func handBudgetToPM(_ lines: [String]) async throws {
        let number = request.workItem.number
        let body =
            ([Self.budgetMarker(workItem: number), "### Conveyor — budget reached", ""] + lines)
            .joined(separator: "\n") + "\n"
        let forge = environment.forge
        let existing = try await forge.comments(onIssue: number).last {
            $0.body.contains(Self.budgetMarker(workItem: number)) && environment.selfLogins.contains($0.author.login)
        }
        if let existing {
            _ = try await forge.updateComment(id: existing.id, body: body)
        } else {
            _ = try await forge.createComment(onIssue: number, body: body)
        }
        if let pm = environment.labels.name(for: .need(.pm)) {
            _ = try await forge.addLabels([pm], toIssue: number)
        }
        if let trigger = request.triggerLabel {
            try await forge.removeLabel(trigger, fromIssue: number)
        }
    }
}
