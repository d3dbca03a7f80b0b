import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Habits that htop, tig, less and vim taught people, in a real terminal: job control, stray
/// keys, options where people put them.
@Suite(.serialized, .needs(.tmux)) struct TerminalHabitsEndToEndTests {
  /// An interactive shell in tmux, as a person has one.
  func shell(_ cli: BinaryRunner, width: Int = 120, height: Int = 40) throws -> TmuxSession {
    let tmux = try TmuxSession(
      command: "bash --norc --noprofile -i", width: width, height: height,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8", "HOME": Scratch.directory,
        "PS1": "shell$ ",
      ])
    #expect(try tmux.waitFor("shell$") != nil, "no shell prompt")
    return tmux
  }

  @Test func ctrlZGivesTheShellBackAndFgRedrawsWithWhatOthersRecorded() throws {
    let cli = BinaryRunner()
    try cli.run("promise", "Before", "--to", "ben", "--by", "+3d")
    let tmux = try shell(cli)
    try tmux.type(BinaryRunner.executable.path)
    try tmux.send("Enter")
    #expect(try tmux.waitFor("Open promises (1)") != nil, "the board did not appear")
    try tmux.send("C-z")
    let stopped = try tmux.waitFor("Stopped")
    let atStop = try tmux.screen()
    #expect(stopped != nil, "the shell reports the job stopped:\n\(atStop)")
    // What one types now goes to the shell, not to the board.
    try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e isig | sort | tr '\\n' ,")
    try tmux.send("Enter")
    let sane = try tmux.waitFor("echo,icanon,isig,")
    let settings = try tmux.screen()
    #expect(sane != nil, "a sane terminal while suspended:\n\(settings)")
    try tmux.type("a")
    try tmux.type("d")
    try tmux.send("Enter")
    #expect(try cli.run("promise", "While stopped", "--to", "ana", "--by", "+2d", as: "ben").status == 0)
    try tmux.type("fg")
    try tmux.send("Enter")
    let back = try tmux.waitFor("While stopped", seconds: 5)
    let redrawn = try tmux.screen()
    #expect(back?.contains("Open promises (2)") == true, "fg redraws the board with what was recorded:\n\(redrawn)")
    #expect(back?.contains("shell$") == false, "the whole screen is the board again")
    try tmux.send("q")
    #expect(try tmux.waitFor("shell$") != nil)
    let states = try ledgerStates(cli)
    #expect(states == ["open", "open"], "nothing recorded by the keys typed at the shell")
  }

  @Test func aBracketedPasteGoesIntoTheFieldAsOneLineAndNeverSubmits() throws {
    let cli = BinaryRunner()
    let tmux = try TmuxSession(
      command: BinaryRunner.executable.path, width: 120, height: 40,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8", "HOME": Scratch.directory,
      ])
    #expect(try tmux.waitFor("Open promises") != nil)
    let clip = Scratch.directory + "clip-\(UUID().uuidString)"
    try "Draft the plan\nwith numbers\nn q".write(toFile: clip, atomically: true, encoding: .utf8)
    _ = try tmux.tmux(["load-buffer", "-b", "clip", clip])
    try tmux.send("n")
    #expect(try tmux.waitFor("New promise") != nil)
    _ = try tmux.tmux(["paste-buffer", "-p", "-b", "clip", "-t", tmux.name])
    let pasted = try tmux.waitFor("Draft the plan with numbers n q")
    let form = try tmux.screen()
    #expect(pasted != nil, "one line in the field:\n\(form)")
    #expect(pasted?.contains("New promise") == true, "the form is still open: nothing was submitted")
    #expect(cli.ledgerBytes.isEmpty)
    try tmux.send("Tab")
    try tmux.type("ben")
    try tmux.send("Enter")
    try tmux.type("fri")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("P1 made") != nil)
    #expect(try cli.run("list", "--format", "tsv").output.contains("Draft the plan with numbers n q"))
    try tmux.send("q")
  }

  @Test func aClickSelectsTheWheelScrollsAClickChoosesAndNoMouseLeavesTheMouseToTheTerminal() throws {
    let cli = BinaryRunner()
    for number in 1...5 { try cli.run("promise", "Promise \(number)", "--to", "ben", "--by", "+\(number)d") }
    let environment = [
      "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8", "HOME": Scratch.directory,
    ]
    let tmux = try TmuxSession(command: BinaryRunner.executable.path, width: 120, height: 40, environment: environment)
    #expect(try tmux.waitFor("Open promises (5)") != nil)
    #expect(try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{mouse_any_flag}"]).hasPrefix("1"), "the board asks for the mouse")
    // SGR mouse reports, as a terminal sends them: a press and release on the third row of the open pane.
    try tmux.type("\u{1B}[<0;20;8M\u{1B}[<0;20;8m")
    let clicked = try tmux.waitFor(" P3 ana → ben · made")
    let afterClick = try tmux.screen()
    #expect(clicked != nil, "the click selected P3:\n\(afterClick)")
    try tmux.type("\u{1B}[<65;20;8M")
    #expect(try tmux.waitFor(" P5 ana → ben · made") != nil, "the wheel moved down")
    try tmux.type("\u{1B}[<64;20;8M")
    #expect(try tmux.waitFor(" P2 ana → ben · made") != nil, "and up")
    try tmux.send("a")
    // The line the click goes to, not the menu's title: a screen read between tmux taking the
    // title and the lines under it has only the title.
    #expect(try tmux.waitFor("Account for P2") != nil)
    let menu = try #require(try tmux.waitFor("done: report delivery"))
    let lines = menu.split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(lines.firstIndex { $0.contains("done: report delivery") })
    let column = try #require(lines[row].range(of: "done: report delivery")).lowerBound.utf16Offset(in: lines[row])
    try tmux.type("\u{1B}[<0;\(column + 1);\(row + 1)M")
    #expect(try tmux.waitFor("Record P2 as delivered to ben?") != nil, "a click on a menu line chooses it")
    try tmux.send("Escape")
    let listed = try cli.run("list", "--format", "tsv").output
    #expect(listed.contains("P2\topen"), "cancelled")
    try tmux.send("q")
    let plain = try TmuxSession(
      command: "\(BinaryRunner.executable.path) --no-mouse", width: 120, height: 40, environment: environment)
    #expect(try plain.waitFor("Open promises (5)") != nil)
    #expect(try plain.tmux(["display-message", "-p", "-t", plain.name, "#{mouse_any_flag}"]).hasPrefix("0"), "--no-mouse leaves it")
    try plain.send("q")
  }

  @Test func aStrayAThenDIsAskedAboutAndCancelledByTheNextKey() throws {
    let cli = BinaryRunner()
    try cli.run("promise", "Ship it", "--to", "ben", "--by", "+3d")
    let before = cli.ledgerBytes
    let tmux = try TmuxSession(
      command: BinaryRunner.executable.path, width: 120, height: 40,
      environment: [
        "BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "TZ": "UTC", "LANG": "C.UTF-8", "HOME": Scratch.directory,
      ])
    #expect(try tmux.waitFor("Open promises (1)") != nil)
    try tmux.send("a")
    #expect(try tmux.waitFor("Account for P1") != nil)
    try tmux.send("d")
    #expect(try tmux.waitFor("Record P1 as delivered to ben? Enter/y records, anything else cancels") != nil)
    try tmux.send("j")
    #expect(try tmux.waitFor("cancelled: nothing was recorded") != nil)
    #expect(cli.ledgerBytes == before, "nothing was recorded")
    try tmux.send("q")
  }

  @Test func aTerminalThatCannotDrawTheBoardGetsASentenceAndTheCommandsThatWork() throws {
    let cli = BinaryRunner()
    let piped = try cli.run("board")
    #expect(piped.status == 1)
    #expect(piped.errors.contains("this screen needs a terminal, and standard input is not one"))
    #expect(piped.errors.contains("`breakthrough list`, `checkin --plain`"))
    let errors = Scratch.directory + "dumb-\(UUID().uuidString).err"
    let tmux = try TmuxSession(
      command: "env TERM=dumb \(BinaryRunner.executable.path) 2> \(errors)", width: 100, height: 20,
      environment: ["BREAKTHROUGH_STORE": cli.ledger, "BREAKTHROUGH_USER": cli.actor, "HOME": Scratch.directory])
    #expect(tmux.exitStatus() == "1")
    let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
    #expect(said.contains("this terminal (TERM=dumb) cannot move the cursor, so the board cannot be drawn here"), "\(said)")
    #expect(!(try tmux.screen()).contains("Breakthrough"), "no garbled board")
  }

  func ledgerStates(_ cli: BinaryRunner) throws -> [String] {
    try cli.run("list", "--all", "--format", "tsv").output.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
  }
}

/// Options and words on the command line, as people type and read them.
@Suite struct CommandLineHabitsTests {
  @Test func optionsBeforeTheCommandWorkAsAfterIt() throws {
    let cli = BinaryRunner()
    let other = Scratch.directory + "leading-\(UUID().uuidString).jsonl"
    let made = try cli.run(["--store", other, "--as", "ben", "promise", "Options first", "--to", "ana", "--by", "fri"])
    #expect(made.status == 0, "\(made.errors)")
    #expect(made.output == "P1\n")
    let listed = try cli.run(["--store=\(other)", "list", "--format", "tsv"])
    #expect(listed.output.contains("P1\topen\tben\tana"))
    #expect(try cli.run(["--as", "ben", "--store", other, "done", "P1"]).status == 0)
    #expect(try cli.run(["--store", other, "show", "P1", "--", "--not-an-option"]).status != 0, "after -- it is an argument")
    #expect(cli.ledgerBytes.isEmpty, "the runner's own ledger was not touched")
    let help = try cli.run("--help").output
    #expect(help.components(separatedBy: "--store, --as and --theme may also come before the command").count == 2, "said once")
  }

  @Test func theArrowFollowsTheLocaleInListAndInThePlainCheckin() throws {
    let cli = BinaryRunner()
    try cli.run("promise", "Arrow", "--to", "ben", "--by", "fri")
    for (locale, arrow) in [("C.UTF-8", "ana → ben"), ("C", "ana -> ben"), ("en_US.utf8", "ana → ben")] {
      var environment = cli.environment
      environment["LANG"] = locale
      let list = try Spawn.run(BinaryRunner.executable.path, ["list"], environment: environment)
      let plain = try Spawn.run(BinaryRunner.executable.path, ["checkin", "--plain"], environment: environment)
      #expect(String(decoding: list.output, as: UTF8.self).contains(arrow), "list in \(locale)")
      #expect(String(decoding: plain.output, as: UTF8.self).contains(arrow), "checkin --plain in \(locale)")
    }
  }

  @Test func withoutUserTheLoginNameActs() throws {
    let cli = BinaryRunner()
    var environment = cli.environment
    environment["USER"] = nil
    environment["BREAKTHROUGH_USER"] = nil
    let made = try Spawn.run(BinaryRunner.executable.path, ["promise", "Who am I", "--to", "ben", "--by", "fri"], environment: environment)
    #expect(made.status == 0, "\(String(decoding: made.errors, as: UTF8.self))")
    let login = String(cString: getpwuid(geteuid()).pointee.pw_name)
    #expect(try cli.run("list", "--format", "tsv").output.contains("P1\topen\t\(login)\tben"))
  }
}
