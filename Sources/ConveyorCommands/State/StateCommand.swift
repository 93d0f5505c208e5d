import ArgumentParser

extension Application {
    /// `conveyor state …`: read and write the SQLite state file on the state branch.
    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "state",
            abstract: "Read and write Conveyor's state: state.sqlite on the branch conveyor/state.",
            discussion: """
                Every write is a compare-and-swap push: fetch, apply in one transaction, commit on the fetched \
                tip, push without force; a lost race is replayed on the new tip. Reads work on a private copy.

                Location: --state-remote, else CONVEYOR_STATE_REMOTE, else $GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git. \
                The token comes from CONVEYOR_TOKEN, GITHUB_TOKEN, GITEA_TOKEN or INPUT_TOKEN and is never printed. \
                The cache is --state-cache, else CONVEYOR_STATE_CACHE, else a fresh temporary directory removed on \
                exit. Pending-state files go to RUNNER_TEMP, else the cache directory, else the temporary directory.

                Exit codes: 0 done; 1 failed, or `verify` found problems; 3 `claim`: the lease is held by another \
                live run (a duplicate job), a note on stderr names it; 4 the change could not be pushed and was saved \
                to a pending-state file named on stderr (apply it later with `conveyor state replay FILE`); 64 usage.
                """,
            subcommands: [
                Show.self, Log.self, Runs.self, Verify.self, Export.self, Claim.self, RecordRun.self,
                Release.self, Replay.self, Metrics.self,
            ]
        )
    }
}
