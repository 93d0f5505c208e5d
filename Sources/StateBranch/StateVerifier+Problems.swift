import Git

extension StateVerifier {
    /// The remedies `verify` names.
    enum Fixes {
        static let database = """
            Find the last good commit with `conveyor state log` and have an administrator reset the state branch \
            to it (`git push --force origin <commit>:refs/heads/<branch>`); then replay any pending-state files.
            """
        static let history = """
            The state branch must stay linear: protect it against merges, then have an administrator reset it to \
            the last commit before the merge and replay any pending-state files.
            """
    }

    static func mergeProblem(_ commit: CommitSummary) -> StateVerification.Problem {
        StateVerification.Problem(
            kind: "history",
            detail: "commit \(commit.id) (\(commit.summary)) has \(commit.parents.count) parents.",
            fix: Fixes.history)
    }

    static func missingFile(_ location: StateLocation, tip: ObjectID) -> StateVerification.Problem {
        StateVerification.Problem(
            kind: "file", detail: "commit \(tip) of \(location.branch) has no \(location.file).", fix: Fixes.database)
    }

    static func unfinishedProblem(_ run: RunSummary) -> StateVerification.Problem {
        StateVerification.Problem(
            kind: "run",
            detail: """
                run \(run.runID) (\(run.workItem) \(run.stage)) is \(run.status) but holds no live lease: its job \
                ended without recording how.
                """,
            fix: """
                Record its end: `conveyor state record-run --work-item \(run.workItem.number) --stage \(run.stage) \
                --run-id \(run.runID) --status cancelled`.
                """)
    }
}
