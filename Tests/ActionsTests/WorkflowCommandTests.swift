import Testing

@testable import Actions

@Suite struct WorkflowCommandTests {
    @Test func messageEscapesPercentAndLineBreaks() {
        #expect(WorkflowCommand.escapeData("100% done\r\nnext") == "100%25 done%0D%0Anext")
        #expect(WorkflowCommand.escapeData("%0A is literal") == "%250A is literal")
        #expect(WorkflowCommand.escapeData("a: b, c") == "a: b, c")
    }

    @Test func propertiesAlsoEscapeColonAndComma() {
        #expect(WorkflowCommand.escapeProperty("50%: a, b\n") == "50%25%3A a%2C b%0A")
    }

    @Test func errorAnnotationWithLocation() {
        let command = WorkflowCommand.error(
            "frontmatter is missing\nstatus: draft",
            at: .init(title: "Gate: fail, 2 checks", file: "docs/a,b.md", line: 3, endLine: 4, column: 7, endColumn: 9))

        #expect(
            command.line
                == "::error title=Gate%3A fail%2C 2 checks,file=docs/a%2Cb.md,line=3,endLine=4,col=7,endColumn=9"
                + "::frontmatter is missing%0Astatus: draft")
    }

    @Test func annotationsWithoutPropertiesHaveNoSpace() {
        #expect(WorkflowCommand.warning("budget at 80%").line == "::warning::budget at 80%25")
        #expect(WorkflowCommand.notice("done", at: .init(file: "README.md")).line == "::notice file=README.md::done")
    }

    @Test func groupsMasksDebugAndStopCommands() {
        #expect(WorkflowCommand.group("Run agent: claude").line == "::group::Run agent: claude")
        #expect(WorkflowCommand.endGroup.line == "::endgroup::")
        #expect(WorkflowCommand.addMask(Secret("multi\nline")).line == "::add-mask::multi%0Aline")
        #expect(WorkflowCommand.debug("tokens=1200").line == "::debug::tokens=1200")
        #expect(WorkflowCommand.stopCommands("c0ffee").line == "::stop-commands::c0ffee")
        #expect(WorkflowCommand.resumeCommands("c0ffee").line == "::c0ffee::")
    }

    @Test func printedDataCannotStartAWorkflowCommandOnAnyLine() {
        let label = "bug\n::add-mask::ghp_x\r::error::forged\n  ::stop-commands::t\u{2028}##[warning]old"
        let printed = WorkflowCommand.neutralized("plan: skip #3: label \(label) is not a trigger")
        let lines = printed.split(whereSeparator: { "\n\r\u{2028}".contains($0) })
        #expect(lines.count == 5)
        for line in lines {
            let start = line.drop { $0 == " " }
            #expect(!start.hasPrefix("::") && !start.hasPrefix("##["), "\(line)")
        }
        #expect(printed.contains("\\::add-mask::ghp_x"))
        #expect(WorkflowCommand.neutralized("::error::x") == "\\::error::x")
    }

    @Test func ordinaryTextIsLeftAlone() {
        let text = "run: done\n  indented: a::b\n#12 ## heading\n"
        #expect(WorkflowCommand.neutralized(text) == text)
    }
}
