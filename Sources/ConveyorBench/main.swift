import Foundation

// `ConveyorBench <benchmark>`: runs one benchmark and prints one line per metric. Never asserts.
switch CommandLine.arguments.dropFirst().first {
case "git-clone":
    try await GitCloneBench.run()
default:
    print(
        """
        usage: ConveyorBench <benchmark>
          git-clone   libgit2 clone vs the git CLI over loopback smart HTTP (5,000 files, 200 commits)
        """)
    exit(2)
}
