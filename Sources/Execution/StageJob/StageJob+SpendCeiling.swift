import Agents
import Foundation
import Pipeline
import StateBranch

/// The spend ceiling of one agent run (ADR 0020): the configured budgets are checked before a stage starts
/// (``budgetRefusal(now:)``) and enforced while the agent works, with what they leave as the run's ceiling.
extension StageJob {
    /// What the configured budgets (per stage, per work item, per day) leave for the next agent run: each limit
    /// minus the state database's spend and this run's earlier agent runs (still in the journal), the tightest in
    /// dollars and in tokens; nil when no dollar or token budget is configured.
    func spendCeiling(now: Date = Date()) async throws -> SpendCeiling? {
        let budgets = environment.work.budgets
        guard !(budgets.stage.isOff && budgets.workItem.isOff && budgets.day.isOff) else { return nil }
        let thisRun = await journal.pendingSpend()
        var ceiling = SpendCeiling()
        for (_, _, limit, spend) in try await budgetSpends(now: now) {
            if let usd = limit.usd {
                let left = max(0, usd - spend.usd - thisRun.usd)
                ceiling.usd = min(ceiling.usd ?? left, left)
            }
            if let tokens = limit.tokens {
                let left = max(0, tokens - spend.tokens - thisRun.tokens)
                ceiling.tokens = min(ceiling.tokens ?? left, left)
            }
        }
        return ceiling
    }

    /// Ends the stage after an agent run stopped at its spend ceiling: the budget comment (the one the refusal
    /// before a start writes) says what was spent and that nothing was published, `need:pm` goes on, the trigger
    /// label comes off. Nothing is gated, pushed or opened: the stop is no verdict on the work.
    func spendCeilingReached(_ stop: SpendCeilingReached) async throws -> StageJobResult {
        let stage = request.stage.name.rawValue
        let number = request.workItem.number
        let spent = String(format: "$%.4f and %d tokens", stop.costUSD ?? 0, stop.tokens)
        try await handBudgetToPM([
            stop.ran
                ? "- The agent of stage `\(stage)` was stopped during its run: \(stop.reason)."
                : "- The agent of stage `\(stage)` was not started again: \(stop.reason).",
            "",
            "This run spent \(spent) (recorded in the state database). Its changes were not gated, pushed or "
                + "published. " + Self.budgetDecision,
        ])
        await environment.log?.record(step: "budget", result: "stopped")
        return StageJobResult(
            outcome: .budgetExceeded, stage: stage, verdict: "", costUSD: stop.costUSD, tokens: stop.tokens,
            message: "Stage \(stage) on #\(number) was stopped at its budget: \(stop.reason). See the comment on "
                + "the work item; it carries `need:pm`.")
    }
}

/// An agent run stopped at its spend ceiling (``AgentStatus/budgetExhausted(reason:)``): thrown from the agent step
/// so the stage ends, wherever the agent ran (first run or dev attempt), with ``StageJob/spendCeilingReached(_:)``.
struct SpendCeilingReached: Error {
    /// Why the run was stopped.
    let reason: String
    /// What the stopped run spent, when priced.
    let costUSD: Double?
    /// Tokens the stopped run used (input, cached and output).
    let tokens: Int
    /// False when no agent ran: the ceiling was zero before the run (this run's earlier attempts used it up).
    var ran = true
}
