import Foundation

// Built two ways. `scripts/fuzz` compiles with `-DFUZZING -sanitize=fuzzer,address`: the executable's entry point
// (SwiftPM links `main` to `conveyor_fuzz_main`) hands over to libFuzzer's driver, which calls
// `LLVMFuzzerTestOneInput` with inputs for the parser named by `CONVEYOR_FUZZ_TARGET`. The plain build (what
// `swift build` makes) is `Replay`, which runs saved inputs through the same parsers.

#if FUZZING
    /// The parser this fuzzing process drives, read once from `CONVEYOR_FUZZ_TARGET`; libFuzzer calls in on one
    /// thread.
    nonisolated(unsafe) private var selected: FuzzTarget?

    /// libFuzzer's entry point: one input, `count` bytes at `start`.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        if selected == nil {
            let name = ProcessInfo.processInfo.environment["CONVEYOR_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                fatalError("Set CONVEYOR_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue)).")
            }
            selected = target
        }
        selected?.run(Data(bytes: start, count: count))
        return 0
    }

    /// libFuzzer's driver (`libclang_rt.fuzzer`): parses libFuzzer's flags from `argv` and calls `callback` per input.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// The process's entry point under fuzzing: SwiftPM points `main` here for an executable target.
    @_cdecl("conveyor_fuzz_main")
    public func fuzzMain(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { start, size in fuzzOne(start, size) }
    }
#else
    /// Replays files through one parser, e.g. the seed corpus or an input a fuzz run saved:
    /// `conveyor-fuzz config Tests/Fixtures/fuzz/config/*`. Exits 64 on bad usage, 66 on an unreadable file;
    /// a parser that breaks an invariant crashes, as under the fuzzer.
    @main
    enum Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(Data("usage: conveyor-fuzz \(names) FILE…\n".utf8))
                exit(64)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("conveyor-fuzz: cannot read \(path)\n".utf8))
                    exit(66)
                }
                target.run(data)
            }
            print("\(arguments.count - 1) input(s) through \(target.rawValue): no crash")
        }
    }
#endif
