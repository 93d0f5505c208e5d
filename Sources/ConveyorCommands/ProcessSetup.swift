import Execution

extension Application {
    /// What the executable does before parsing arguments: ignore SIGPIPE (``TerminationSignals/ignoreBrokenPipes()``),
    /// so a git server that drops a connection mid-push gives a typed error, a pending file and the documented exit
    /// status instead of a silent death with status 141.
    public static func prepareProcess() {
        TerminationSignals.ignoreBrokenPipes()
    }
}
