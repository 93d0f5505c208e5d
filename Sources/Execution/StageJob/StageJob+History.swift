import Gates
import Git

extension StageJob {
    /// A gate reason when the agent moved `HEAD` or the work branch away from the commit the run started at (it
    /// committed, reset, or switched branches), else nil.
    ///
    /// Conveyor commits the agent's files itself on top of the commit it started from: a commit the agent made
    /// would otherwise ride Conveyor's push with Conveyor's token, unseen by the write-scope check (which compares
    /// the work tree with `HEAD`). The reason carries ``GateReason/Code/outsideWriteScope``, so nothing is pushed.
    func movedHistoryReason(_ workspace: Workspace) async throws -> GateReason? {
        let repository = workspace.repository
        let head = try await repository.resolve("HEAD")
        let branch = try await repository.resolve("refs/heads/\(workspace.workBranch)")
        guard head != workspace.startCommit || branch != workspace.startCommit else { return nil }
        return GateReason(
            code: .outsideWriteScope,
            message: "The agent moved HEAD or the work branch \(workspace.workBranch) (it committed, reset or "
                + "switched branches); Conveyor commits the agent's files itself. Nothing was pushed.")
    }
}
