import Foundation

/// The most one agent run may spend: what the configured budgets (`budgets:` per stage, per work item, per day)
/// leave once the state database's spend is taken off, the tightest of them.
///
/// The runner enforces it while the agent works, as the agent's CLI allows:
/// - Claude Code gets `--max-budget-usd` with ``usd``; the CLI itself stops after the model call that reaches it
///   and reports `subtype` `error_max_budget_usd`. It has no token limit, so ``tokens`` is checked only between
///   runs (before a stage starts, and between dev attempts).
/// - The Codex CLI reports no cost and has no limit of its own: Conveyor watches the `token_count` events its
///   session file gets after every model response (``CodexSessionLog``), prices them, and ends the CLI's process
///   group, as the timeout does, once ``usd`` or ``tokens`` is reached. A response already requested when the limit
///   is seen is not stopped; its tokens were never reported and are not counted.
public struct SpendCeiling: Sendable, Hashable {
    /// US dollars the run may spend; nil for no dollar limit.
    public var usd: Double?
    /// Tokens (input, cached and output together) the run may use; nil for no token limit.
    public var tokens: Int?

    /// Creates a ceiling.
    public init(usd: Double? = nil, tokens: Int? = nil) {
        self.usd = usd
        self.tokens = tokens
    }

    /// True when nothing is left: a dollar or token ceiling of zero (this run's earlier agent runs used it up).
    public var isSpent: Bool {
        (usd.map { $0 <= 0 } ?? false) || (tokens.map { $0 <= 0 } ?? false)
    }

    /// Why a run that spent `spentUSD` (nil when unpriced) and `spentTokens` has reached the ceiling, or nil.
    public func reached(usd spentUSD: Double?, tokens spentTokens: Int) -> String? {
        if let usd, let spentUSD, spentUSD >= usd {
            return "the run spent $\(Self.dollars(spentUSD)), reaching what the budgets left it ($\(Self.dollars(usd)))"
        }
        if let tokens, spentTokens >= tokens {
            return "the run used \(spentTokens) tokens, reaching what the budgets left it (\(tokens))"
        }
        return nil
    }

    /// `value` with four decimals.
    static func dollars(_ value: Double) -> String { String(format: "%.4f", value) }
}
