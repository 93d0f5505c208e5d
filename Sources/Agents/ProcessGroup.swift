import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process group of one launched agent, and the signals Conveyor sends it.
///
/// The agent is started as the leader of a new group (its pid is the group id), so everything it starts — shells,
/// language servers, a `sleep` in a background job — is in the group unless it deliberately leaves, and one
/// `kill(-pgid, …)` reaches all of them. The state is behind a `Mutex`, so the timer task and the waiting task may
/// both use it.
final class ProcessGroup: Sendable {
    private struct State {
        var groupID: pid_t?
        var terminatedAt: ContinuousClock.Instant?
        var stopReason: String?
    }

    private let state = Mutex(State())

    /// Records the group id once the leader is running; if the limit already passed while it was starting, the
    /// group gets its SIGTERM now.
    func started(groupID: pid_t) {
        let expired = state.withLock { state -> Bool in
            state.groupID = groupID
            return state.terminatedAt != nil
        }
        if expired { signalGroup(groupID, SIGTERM) }
    }

    /// When the timeout's SIGTERM went out, or nil when it never did.
    var terminatedAt: ContinuousClock.Instant? {
        state.withLock { $0.terminatedAt }
    }

    /// Marks the run as ended by Conveyor (timed out, unless ``stop(reason:)`` gave a reason) and sends SIGTERM to
    /// the whole group.
    func sendTerminate() {
        let groupID = state.withLock { state -> pid_t? in
            if state.terminatedAt == nil { state.terminatedAt = .now }
            return state.groupID
        }
        if let groupID { signalGroup(groupID, SIGTERM) }
    }

    /// Why ``stop(reason:)`` ended the group (the run reached its spend ceiling), or nil when it never did.
    var stopReason: String? {
        state.withLock { $0.stopReason }
    }

    /// Ends the group for `reason` before its timeout: records the reason, then sends SIGTERM as
    /// ``sendTerminate()`` does (the first reason and the first SIGTERM time stand).
    func stop(reason: String) {
        state.withLock { state in
            if state.terminatedAt == nil, state.stopReason == nil { state.stopReason = reason }
        }
        sendTerminate()
    }

    /// Sends SIGKILL to whatever is left of the group.
    func sendKill() {
        if let groupID = state.withLock({ $0.groupID }) { signalGroup(groupID, SIGKILL) }
    }

    /// True while any process (a zombie counts) is still in the group.
    var hasMembers: Bool {
        guard let groupID = state.withLock({ $0.groupID }) else { return false }
        return kill(-groupID, 0) == 0
    }

    /// After the leader has ended: waits, polling every 20 ms, until the group is empty or `deadline` passes, then
    /// sends SIGKILL to what is left. With no deadline, or once the calling task is cancelled, the stragglers are
    /// killed at once.
    func reap(until deadline: ContinuousClock.Instant?) async {
        if let deadline {
            while hasMembers, ContinuousClock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        if hasMembers { sendKill() }
    }
}

/// Sends `signal` to every process in group `groupID`; a group that is already gone is not an error.
private func signalGroup(_ groupID: pid_t, _ signal: Int32) {
    _ = kill(-groupID, signal)
}
