import ArgumentParser
import ConveyorCommands

/// The `conveyor` executable: everything lives in ``ConveyorCommands``; this file only starts it.
@main
struct Conveyor {
    static func main() async {
        Application.prepareProcess()
        await Application.main()
    }
}
