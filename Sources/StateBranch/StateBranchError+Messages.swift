import Foundation

extension StateBranchError {
    /// The user-facing sentences of the state branch, kept together so their wording stays consistent.
    enum Messages {
        static func notPublished(
            count: Int, branch: String, remote: String, attempts: Int, cause: String, pendingFile: URL
        ) -> String {
            """
            Could not record \(count) state change(s) on branch \(branch) of \(remote) after \(attempts) \
            attempt(s): \(cause) The changes were saved to \(pendingFile.path). Once the cause is fixed, apply \
            them with `conveyor state replay \(pendingFile.path)` (replaying is idempotent).
            """
        }

        static func notClaimed(branch: String, remote: String, attempts: Int, cause: String) -> String {
            """
            Could not claim the work on branch \(branch) of \(remote) after \(attempts) attempt(s): \(cause) \
            Nothing was done and nothing needs replaying; run the job again.
            """
        }

        static func lost(count: Int, branch: String, cause: String, saveFailure: String) -> String {
            """
            Could not record \(count) state change(s) on branch \(branch): \(cause) Saving them to a pending \
            file failed as well (\(saveFailure)); set RUNNER_TEMP or --state-cache to a writable directory.
            """
        }

        static func deadlinePassed(_ deadline: Duration, attempts: Int, lastRejection: String) -> String {
            """
            every push was rejected or failed for \(deadline.components.seconds) s because other jobs kept moving \
            the branch or the remote could not be reached (\(attempts) attempts; last: \(lastRejection)). Raise \
            CONVEYOR_STATE_DEADLINE_MINUTES, or give busy repositories their own state branch (--state-branch).
            """
        }

        static func unknownRun(_ runID: String, change: String) -> String {
            """
            The \(change) change names run \(runID), which the state branch does not record. Record the run \
            with a startRun change first (in the same batch or an earlier one).
            """
        }

        static func workItemMissing(_ key: WorkItemKey) -> String {
            "Work item \(key) could not be recorded in the state database."
        }

        static func unreadablePending(_ file: URL, detail: String) -> String {
            """
            \(file.path) is not a pending-state file written by conveyor (\(detail)). Check the path; \
            the file conveyor names in its error is the one to replay.
            """
        }

        static func unsupportedPending(_ file: URL, format: Int) -> String {
            "\(file.path) uses pending-state format \(format), which this conveyor does not know. Upgrade conveyor."
        }
    }
}
