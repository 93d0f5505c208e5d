import Execution
import Foundation
import Testing

/// ``CommandOutputs``: what earlier attempts' commands produced (ignored files included) is removed before the next
/// attempt's commands; what was there before the first command and what the agent wrote since are kept.
@Suite struct CommandOutputsTests {
    private func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func exists(_ path: String, in root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    @Test func earlierBuildOutputIsSweptAndTheAgentsFilesAndTheBaselineStay() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try write("__pycache__/\nbuild/\n", ".gitignore", in: root)
        try write("def add(a, b):\n    return a + b\n", "calc.py", in: root)
        try write("cached before any command", "build/old.o", in: root)
        try write("[core]\n", ".git/config", in: root)
        var outputs = CommandOutputs()
        outputs.baseline(of: root)
        // The first attempt's commands: bytecode (ignored), a new build file, a log in a new nested directory.
        try write("stale bytecode", "__pycache__/calc.cpython-312.pyc", in: root)
        try write("new object", "build/calc.o", in: root)
        try write("log", "out/logs/test.log", in: root)
        outputs.recordOutputs(in: root)
        // The second attempt's agent rewrites one output and adds a file of its own.
        try write("the agent's own version of the log, longer", "out/logs/test.log", in: root)
        try write("def helper(): pass\n", "helper.py", in: root)
        outputs.baseline(of: root)  // a later baseline changes nothing

        let removed = outputs.sweep(in: root)
        #expect(removed == ["__pycache__/calc.cpython-312.pyc", "build/calc.o"])
        #expect(!exists("__pycache__", in: root))
        #expect(exists("build/old.o", in: root))
        #expect(exists("out/logs/test.log", in: root))
        #expect(exists("helper.py", in: root))
        #expect(exists("calc.py", in: root))
        #expect(exists(".git/config", in: root))
        // Nothing recorded since: a second sweep removes nothing.
        #expect(outputs.sweep(in: root).isEmpty)
    }
}
