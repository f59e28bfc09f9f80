import ArgumentParser
import BNCharts
import BNCore
import BNData
import Foundation

/// `bnlab data`: shows the dataset: files, counts, class balance, mean/std and sample images.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show the dataset: files, counts, class balance, mean/std and sample images.",
        discussion: """
            The data folder is --data DIR, else $\(DataFolder.environmentVariable), else \
            \(DataFolder.defaultPath) (Debian: apt-get install dataset-fashion-mnist). It must hold \
            train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and \
            t10k-labels-idx1-ubyte, each raw or .gz. Exits with status 2 when the data is missing or damaged.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The folder holding the four IDX files.", valueName: "DIR"))
    var data: String?

    @Flag(name: .long, help: "Print how long loading and the statistics took.")
    var timing = false

    @Option(name: .long, help: ArgumentHelp("How many training images to draw (0: none).", valueName: "N"))
    var samples = 4

    func validate() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be 0 or more, got \(samples)") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = DataFolder.resolve(option: data, environment: environment)
        do {
            try report(folder: folder, environment: environment)
        } catch {
            var error = error
            if error.kind == .folderNotFound || error.kind == .notAFolder, folder.source != .option {
                let chosenBy = folder.source == .environment ? "set by $\(DataFolder.environmentVariable)" : "the default"
                error = DataError(error.kind, path: error.path, problem: "\(error.problem) (\(chosenBy))",
                                  remedy: error.remedy)
            }
            StandardStreams.writeError("bnlab data: \(error.message)\n")
            throw ExitCode(2)
        }
    }

    private func report(folder: DataFolder.Resolved, environment: [String: String]) throws(DataError) {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let dataset = try IDXDataset.load(from: folder.url)
        let loadDuration = clock.now - loadStart

        let statisticsStart = clock.now
        let trainStatistics = dataset.train.statistics()
        let testStatistics = dataset.test.statistics()
        let statisticsDuration = clock.now - statisticsStart

        let origin = switch folder.source {
        case .option: "from --data"
        case .environment: "from $\(DataFolder.environmentVariable)"
        case .defaultFolder: "default; change with --data DIR or $\(DataFolder.environmentVariable)"
        }
        print("Data folder  \(folder.url.path)  (\(origin))")
        print("Dataset      \(dataset.kind.rawValue), fingerprint \(dataset.fingerprint)")
        print("Files")
        for file in dataset.fileReports {
            let source = file.source
            let stored = source.isGzip
                ? "\(Self.bytes(source.sizeOnDisk)) gzip → \(Self.bytes(source.decompressedSize))"
                : "\(Self.bytes(source.sizeOnDisk)) raw"
            let name = source.fileName.padding(toLength: 28, withPad: " ", startingAt: 0)
            let role = file.role.displayName.padding(toLength: 13, withPad: " ", startingAt: 0)
            print("  \(role) \(name) \(stored)")
        }
        let train = dataset.train, test = dataset.test
        print("Counts       train \(train.count), test \(test.count) images of \(train.height)×\(train.width) "
              + "pixels, \(train.channels) channel\(train.channels == 1 ? "" : "s"), \(dataset.classNames.count) classes")

        print("Class balance")
        let nameWidth = max(5, dataset.classNames.map(\.count).max() ?? 5)
        print("  label  " + "class".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
              + "    train          test")
        let trainCounts = train.classCounts(), testCounts = test.classCounts()
        for (label, name) in dataset.classNames.enumerated() {
            let paddedName = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            print("  \(Self.right(String(label), 5))  \(paddedName)  "
                  + "\(Self.right(String(trainCounts[label]), 7)) \(Self.percent(trainCounts[label], of: train.count))  "
                  + "\(Self.right(String(testCounts[label]), 6)) \(Self.percent(testCounts[label], of: test.count))")
        }

        print("Mean / std   train \(Self.meanStd(trainStatistics)), test \(Self.meanStd(testStatistics))  "
              + "(all pixels ÷ 255; Normalize uses the train values)")

        if samples > 0 {
            drawSamples(dataset, environment: environment)
        }

        if timing {
            print("Timing       wall clock (processor time of the reading thread); the files are read on two threads")
            for file in dataset.fileReports {
                let seconds = file.readDuration.inSeconds
                let rate = seconds > 0 ? Double(file.source.decompressedSize) / seconds / 1e6 : 0
                print("  read \(file.role.displayName.padding(toLength: 13, withPad: " ", startingAt: 0))"
                      + String(format: "%7.3f s (%.3f s)", seconds, file.readCPUTime.inSeconds)
                      + "  \(file.source.isGzip ? "gzip" : "raw"), \(String(format: "%.0f", rate)) MB/s")
            }
            print(String(format: "  load total        %7.3f s  four files, checks and fingerprint",
                         loadDuration.inSeconds))
            print(String(format: "  mean/std          %7.3f s  train and test", statisticsDuration.inSeconds))
            try timeBatches(dataset.train, statistics: trainStatistics)
        }
    }

    /// Times one shuffled epoch of batches of 128 (ToTensor + Normalize through the lookup table).
    private func timeBatches(_ split: DatasetSplit, statistics: ChannelStatistics) throws(DataError) {
        let loader = try BatchLoader(split: split, batchSize: 128, seed: 0, normalize: try Normalize(statistics))
        let clock = ContinuousClock()
        let start = clock.now
        var iterator = loader.epoch(0)
        var batch = Batch()
        var checksum: Float = 0
        while iterator.next(into: &batch) { checksum += batch.input.data[0] }
        let seconds = (clock.now - start).inSeconds
        let rate = seconds > 0 ? Double(loader.samplesPerEpoch) / seconds : 0
        print(String(format: "  batches           %7.3f s  one epoch of %d in batches of 128: %.0f samples/s",
                     seconds, loader.samplesPerEpoch, rate) + (checksum.isNaN ? " (NaN seen)" : ""))
    }

    private func drawSamples(_ dataset: IDXDataset, environment: [String: String]) {
        let split = dataset.train
        let count = min(samples, split.count)
        let style = TerminalImageStyle.detect(environment: environment, outputIsTerminal: isatty(1) == 1)
        let renderer = TerminalImageRenderer(style: style)
        let columns = Self.terminalColumns(environment: environment)
        let cell = split.width + 2
        let perRow = max(1, columns / cell)
        print("Samples      the first \(count) training image\(count == 1 ? "" : "s") (\(style.rawValue))")
        for rowStart in stride(from: 0, to: count, by: perRow) {
            let indices = Array(rowStart..<min(rowStart + perRow, count))
            var captions = ""
            var lines = [String](repeating: "", count: (split.height + 1) / 2)
            for index in indices {
                let label = split.label(at: index)
                let caption = "#\(index) \(dataset.classNames[label]) (\(label))"
                captions += "  " + String(caption.prefix(split.width)).padding(toLength: split.width, withPad: " ", startingAt: 0)
                let drawn = renderer.render(split.image(at: index), height: split.height, width: split.width,
                                            channels: split.channels)
                for (i, line) in drawn.enumerated() where i < lines.count { lines[i] += "  " + line }
            }
            print(captions)
            for line in lines { print(line) }
        }
    }

    /// The terminal's width: `$COLUMNS`, else the tty's, else 80.
    private static func terminalColumns(environment: [String: String]) -> Int {
        if let value = environment["COLUMNS"].flatMap(Int.init), value > 0 { return value }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private static func bytes(_ count: Int) -> String {
        if count >= 1_000_000 { return String(format: "%.1f MB", Double(count) / 1e6) }
        if count >= 1_000 { return String(format: "%.1f kB", Double(count) / 1e3) }
        return "\(count) B"
    }

    private static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        right(String(format: "%.1f%%", whole > 0 ? 100 * Double(part) / Double(whole) : 0), 6)
    }

    private static func meanStd(_ statistics: ChannelStatistics) -> String {
        zip(statistics.mean, statistics.std)
            .map { String(format: "%.4f / %.4f", $0, $1) }
            .joined(separator: ", ")
    }
}
