import Foundation
import Testing

/// The workflows and the action Conveyor ships leave no token where the agent works.
@Suite struct ShippedWorkflowTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The step that starts at line `index` of `lines`: that line and the more deeply indented ones after it.
    private static func step(at index: Int, in lines: [Substring]) -> [Substring] {
        let indent = lines[index].prefix { $0 == " " }.count
        var step = [lines[index]]
        for line in lines[(index + 1)...] {
            let depth = line.prefix { $0 == " " }.count
            if depth <= indent && !line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            step.append(line)
        }
        return step
    }

    @Test(arguments: [".github/workflows/stage.yml", ".gitea/workflows/stage.yml"])
    func everyCheckoutPersistsNoCredentials(_ path: String) throws {
        let lines = try Self.text(path).split(separator: "\n", omittingEmptySubsequences: false)
        let checkouts = lines.indices.filter { lines[$0].contains("uses: actions/checkout") }
        #expect(!checkouts.isEmpty)
        for index in checkouts {
            let step = Self.step(at: index, in: lines)
            #expect(
                step.contains { $0.trimmingCharacters(in: .whitespaces) == "persist-credentials: false" }, "\(step)")
        }
    }

    @Test func theActionReplacesItsShellWithConveyor() throws {
        let action = try Self.text("action/action.yml")
        #expect(action.contains("exec conveyor \"${args[@]}\""))
        #expect(!action.contains("\n        conveyor \"${args[@]}\""))
    }

    /// After `ProcessEnvironment.seal()` the process's own environment has no credentials left: production code
    /// that read it would find no token (and a child that inherited it would get whatever else is left), so every
    /// read goes through `ProcessEnvironment.variables` and every child gets an explicit environment.
    @Test func productionCodeReadsTheEnvironmentOnlyThroughProcessEnvironment() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var offenders: [String] = []
        while let file = files?.nextObject() as? URL {
            let path = file.path.replacingOccurrences(of: sources.path + "/", with: "")
            guard path.hasSuffix(".swift"), !path.hasPrefix("ConveyorTestSupport/"), !path.hasPrefix("ConveyorBench/"),
                path != "Actions/ProcessEnvironment.swift"
            else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in ["processInfo.environment", "getenv(", "environment: .inherit"] where text.contains(pattern)
            {
                offenders.append("\(path): \(pattern)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
