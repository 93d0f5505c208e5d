import Actions
import ArgumentParser
import ConveyorCommands

/// The `conveyor` executable: everything lives in ``ConveyorCommands``; this file only starts it.
@main
struct Conveyor {
    static func main() async {
        // Before any other code reads the environment or starts a thread or a child: the job's credentials move
        // into memory and out of what `/proc/<pid>/environ` shows to the agent (ADR 0009).
        ProcessEnvironment.seal()
        Application.prepareProcess()
        await Application.main()
    }
}
