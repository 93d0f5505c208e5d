import Gates
import Pipeline
import Testing

@Suite struct WriteScopeGateTests {
    @Test func writeOutsideTheScopeFailsListingEveryPath() async throws {
        let tree = try WorkTree()
        defer { tree.remove() }
        let intake = try Stages.default(.intake)
        try tree.writeArtifacts(of: intake)
        let changed = [
            "docs/work-items/12/intake/brief.md", ".github/workflows/ci.yml", "docs/work-items/13/intake/brief.md",
        ]
        let verdict = await Stages.evaluate(intake, in: tree, changedPaths: changed)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.path) == [".github/workflows/ci.yml", "docs/work-items/13/intake/brief.md"])
        #expect(verdict.reasons.allSatisfy { $0.code == .outsideWriteScope })
        #expect(verdict.reasons[0].message.contains("may only write `docs/work-items/12/**`"))
        #expect(verdict.reasons[0].message.contains("nothing is pushed"))
    }

    @Test func globsMatchSegmentsAndTheWorkItemNumber() {
        let scope = WriteScope(["docs/work-items/<N>/**", "src/*.swift", "notes/?.md", "**/CHANGELOG.md"], workItem: 7)
        #expect(scope.patterns.first == "docs/work-items/7/**")
        let inside = [
            "docs/work-items/7/intake/brief.md", "docs/work-items/7/a/b/c.md", "./src/main.swift", "notes/a.md",
            "CHANGELOG.md", "pkg/sub/CHANGELOG.md",
        ]
        let outside = [
            "docs/work-items/70/x.md", "docs/work-items/x.md", "src/sub/main.swift", "notes/ab.md", "/etc/passwd",
            "docs/work-items/7/../../../etc/passwd", "README.md",
        ]
        #expect(inside.allSatisfy(scope.contains))
        #expect(scope.violations(in: inside + outside) == outside)
    }

    @Test func doubleStarAloneAllowsEverythingInsideTheRepository() {
        let scope = WriteScope(["**"], workItem: 1)
        #expect(scope.contains("Sources/App/main.swift"))
        #expect(scope.contains(".github/workflows/x.yml"))
        #expect(!scope.contains("../outside"))
    }

    @Test func emptyScopeAllowsNothing() {
        #expect(!WriteScope([], workItem: 1).contains("a.md"))
    }
}
