import Actions
import Foundation

extension LocalForgeDocument {
    /// Stores a status for `sha` with the next id: on GitHub its ``CommitStatusState/gitHubEquivalent``,
    /// and the description cut to ``NewCommitStatus/maxDescriptionLength`` as both forges do.
    mutating func addStatus(
        _ status: NewCommitStatus, sha: String, kind: ForgeKind, by actor: String, at date: Date
    ) throws(LocalForgeFailure) -> StatusEntry {
        try LocalForgeFailure.require(sha, "commit SHA")
        try LocalForgeFailure.require(status.context, "status context")
        let sent = status.body(sending: kind == .github ? status.state.gitHubEquivalent : status.state)
        counters.lastStatusID += 1
        let entry = StatusEntry(
            id: counters.lastStatusID, sha: sha, state: sent.state, context: sent.context,
            description: sent.description, targetURL: sent.targetURL?.isEmpty == false ? sent.targetURL : nil,
            createdAt: date)
        statuses.append(entry)
        log("status.created", "\(entry.context) \(entry.state.rawValue) on \(sha) by \(actor)", at: date)
        return entry
    }

    /// The commit `ref` names: a branch's last recorded push, else `ref` itself taken as a SHA.
    func commit(forRef ref: String) -> String {
        branches[ref] ?? ref
    }

    /// The latest status of each context for `sha`, by context name.
    func latestStatuses(sha: String) -> [StatusEntry] {
        var latest: [String: StatusEntry] = [:]
        for status in statuses where status.sha == sha {
            if let known = latest[status.context], known.id > status.id { continue }
            latest[status.context] = status
        }
        return latest.values.sorted { $0.context < $1.context }
    }

    /// The overall state of the latest statuses, by the forge's rule.
    ///
    /// GitHub: `failure` when any is `failure` or `error`, else `pending` when any is pending or there
    /// are none, else `success`. Gitea: the worst by its order error, failure, warning, pending,
    /// success, skipped; `pending` when there are none.
    static func combinedState(of states: [CommitStatusState], kind: ForgeKind) -> CommitStatusState {
        guard !states.isEmpty else { return .pending }
        switch kind {
        case .github:
            if states.contains(where: { $0 == .failure || $0 == .error }) { return .failure }
            return states.contains(.pending) ? .pending : .success
        case .gitea:
            let order: [CommitStatusState] = [.error, .failure, .warning, .pending, .success, .skipped]
            return order.first(where: states.contains) ?? .pending
        }
    }
}
