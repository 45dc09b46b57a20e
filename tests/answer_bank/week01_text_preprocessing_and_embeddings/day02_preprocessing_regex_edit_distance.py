"""Answer bank of week01_text_preprocessing_and_embeddings day02_preprocessing_regex_edit_distance: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "normalize": {
        "wrong": '''def normalize(text):
    """Normalise `text` for matching: NFKC, casefold, strip accents, punctuation/symbols to spaces.

    Steps, in order: NFKC; casefold; NFD and drop category-Mn characters; NFC; replace each
    character of category P* or S* with a space; collapse whitespace runs to one space; strip.
    Returns a str.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    # Drop the combining accents that NFD split off.
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(text.split())
''',
        "why": "drops accents with unicodedata.combining() instead of testing category Mn, so U+FE0F (emoji variation selector) survives",
        "alternative": '''def normalize(text):
    """Normalise `text` for matching: NFKC, casefold, strip accents, punctuation/symbols to spaces.

    Steps, in order: NFKC; casefold; NFD and drop category-Mn characters; NFC; replace each
    character of category P* or S* with a space; collapse whitespace runs to one space; strip.
    Returns a str.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    pieces = []
    for character in unicodedata.normalize("NFD", folded):
        if unicodedata.category(character) == "Mn":
            continue
        pieces.append(character)
    recomposed = unicodedata.normalize("NFC", "".join(pieces))
    spaced = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in recomposed)
    # In a str pattern \\s matches exactly the characters str.split() splits on.
    return re.sub(r"\\s+", " ", spaced).strip(" ")
''',
    },
    "find_patterns": {
        "wrong": '''def find_patterns(text):
    """Find e-mails, hashtags, ISO dates and phone numbers in `text`.

    Returns {"emails": [...], "hashtags": [...], "dates": [...], "phones": [...]}, each a list of
    the full matches in order of appearance (rules in the exercise text).
    """
    email = r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}(?![A-Za-z0-9-])"
    hashtag = r"(?<![A-Za-z0-9_])#[A-Za-z][A-Za-z0-9_]*"
    date = r"(?<!\\d)\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?!\\d)"
    phone = r"(?<!\\d)(?:\\d{3}-|\\(\\d{3}\\) )\\d{3}-\\d{4}(?!\\d)"
    return {"emails": re.findall(email, text), "hashtags": re.findall(hashtag, text),
            "dates": re.findall(date, text), "phones": re.findall(phone, text)}
''',
        "why": "\\d for digits in dates and phones: it also matches non-ASCII digits such as Arabic-Indic ٢٠٢٤",
        "alternative": '''def find_patterns(text):
    """Find e-mails, hashtags, ISO dates and phone numbers in `text`.

    Returns {"emails": [...], "hashtags": [...], "dates": [...], "phones": [...]}, each a list of
    the full matches in order of appearance (rules in the exercise text).
    """
    # re.ASCII makes \\d mean [0-9] and \\w mean [A-Za-z0-9_].
    patterns = {
        "emails": re.compile(r"[\\w.%+-]+ @ (?:[A-Za-z0-9-]+ \\.)+ [A-Za-z]{2,} (?![A-Za-z0-9-])", re.ASCII | re.VERBOSE),
        "hashtags": re.compile(r"(?<!\\w) \\# [A-Za-z] \\w*", re.ASCII | re.VERBOSE),
        "dates": re.compile(r"(?<!\\d) \\d{4} - (?P<month>1[0-2]|0[1-9]) - (?P<day>3[01]|[12]\\d|0[1-9]) (?!\\d)",
                            re.ASCII | re.VERBOSE),
        "phones": re.compile(r"(?<!\\d) (?:\\(\\d{3}\\)[ ]|\\d{3}-) \\d{3} - \\d{4} (?!\\d)", re.ASCII | re.VERBOSE),
    }
    return {kind: [match.group(0) for match in pattern.finditer(text)] for kind, pattern in patterns.items()}
''',
    },
    "regex_tokenize": {
        "wrong": '''def regex_tokenize(text):
    """Split `text` into numbers, words (with internal ' ’ -) and single other characters."""
    token_pattern = r"[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?|[^\\W\\d_]+(?:['’-][^\\W\\d_]+)*|\\S"
    return re.findall(token_pattern, text)
''',
        "why": "no (?![0-9]) after a thousands group, so 1,0000 gives 1,000 and 0",
        "alternative": '''def regex_tokenize(text):
    """Split `text` into numbers, words (with internal ' ’ -) and single other characters."""
    # One alternative per token kind, tried in order at each position of a hand-written scanner.
    number = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\\.[0-9]+)?")
    word = re.compile(r"[^\\W\\d_]+(?:['’-][^\\W\\d_]+)*")
    tokens, position = [], 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        match = number.match(text, position) or word.match(text, position)
        end = match.end() if match else position + 1
        tokens.append(text[position:end])
        position = end
    return tokens
''',
    },
    "levenshtein": {
        "wrong": '''def edit_distance_table(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Table D of shape (len(source)+1, len(target)+1): D[i, j] = cost of source[:i] -> target[:j]."""
    if sub_cost < 0 or ins_cost < 0 or del_cost < 0:
        raise ValueError("costs must be non-negative")
    table = np.zeros((len(source) + 1, len(target) + 1))
    table[:, 0] = np.arange(len(source) + 1) * del_cost
    table[0, :] = np.arange(len(target) + 1) * ins_cost
    for i in range(1, len(source) + 1):
        for j in range(1, len(target) + 1):
            substitution = 0.0 if source[i - 1] == target[j - 1] else sub_cost
            table[i, j] = min(table[i - 1, j - 1] + substitution, table[i - 1, j] + del_cost, table[i, j - 1] + ins_cost)
    return table


def levenshtein(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Weighted edit distance and one optimal alignment [(op, source_char, target_char), ...]."""
    table = edit_distance_table(source, target, sub_cost, ins_cost, del_cost)
    i, j = len(source), len(target)
    alignment = []
    while i > 0 or j > 0:
        if i > 0 and j > 0 and table[i, j] == table[i - 1, j - 1] + (0.0 if source[i - 1] == target[j - 1] else sub_cost):
            op = "match" if source[i - 1] == target[j - 1] else "sub"
            alignment.append((op, source[i - 1], target[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and table[i, j] == table[i - 1, j] + del_cost:
            alignment.append(("del", source[i - 1], ""))
            i -= 1
        else:
            alignment.append(("ins", "", target[j - 1]))
            j -= 1
    alignment.reverse()
    return float(table[-1, -1]), alignment
''',
        "why": "the backtrace finds the previous cell by comparing floats with ==, which fails when i * cost != (i - 1) * cost + cost",
        "alternative": '''def edit_distance_table(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Table D of shape (len(source)+1, len(target)+1): D[i, j] = cost of source[:i] -> target[:j]."""
    return np.array(_fill_tables(source, target, sub_cost, ins_cost, del_cost)[0], dtype=np.float64)


def levenshtein(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Weighted edit distance and one optimal alignment [(op, source_char, target_char), ...]."""
    costs, moves = _fill_tables(source, target, sub_cost, ins_cost, del_cost)
    # Follow the move stored in each cell while filling: no float comparison at all.
    steps = []
    row, col = len(source), len(target)
    while (row, col) != (0, 0):
        move = moves[row][col]
        if move == "diag":
            op = "match" if source[row - 1] == target[col - 1] else "sub"
            steps.append((op, source[row - 1], target[col - 1]))
            row, col = row - 1, col - 1
        elif move == "up":
            steps.append(("del", source[row - 1], ""))
            row -= 1
        else:
            steps.append(("ins", "", target[col - 1]))
            col -= 1
    return float(costs[-1][-1]), steps[::-1]


def _fill_tables(source, target, sub_cost, ins_cost, del_cost):
    """Cost table as nested lists, plus the move that produced each cell ('diag', 'up' or 'left')."""
    for cost in (sub_cost, ins_cost, del_cost):
        if cost < 0:
            raise ValueError(f"a negative edit cost ({cost}) is not allowed")
    rows, cols = len(source) + 1, len(target) + 1
    costs = [[0.0] * cols for _ in range(rows)]
    moves = [[None] * cols for _ in range(rows)]
    for r in range(1, rows):
        costs[r][0], moves[r][0] = costs[r - 1][0] + del_cost, "up"
    for c in range(1, cols):
        costs[0][c], moves[0][c] = costs[0][c - 1] + ins_cost, "left"
    for r in range(1, rows):
        for c in range(1, cols):
            options = [(costs[r - 1][c - 1] + (0.0 if source[r - 1] == target[c - 1] else sub_cost), "diag"),
                       (costs[r - 1][c] + del_cost, "up"),
                       (costs[r][c - 1] + ins_cost, "left")]
            costs[r][c], moves[r][c] = min(options, key=lambda option: option[0])
    return costs, moves
''',
        "denied": '''import nltk


def edit_distance_table(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Table D of shape (len(source)+1, len(target)+1): D[i, j] = cost of source[:i] -> target[:j]."""
    if min(sub_cost, ins_cost, del_cost) < 0:
        raise ValueError("edit costs must be non-negative")
    table = np.zeros((len(source) + 1, len(target) + 1))
    if ins_cost == 1 and del_cost == 1:
        # nltk charges 1 per insertion and deletion and takes the substitution cost as an argument.
        for i in range(len(source) + 1):
            for j in range(len(target) + 1):
                table[i, j] = nltk.edit_distance(source[:i], target[:j], substitution_cost=sub_cost)
        return table
    table[:, 0] = np.arange(len(source) + 1) * del_cost
    table[0, :] = np.arange(len(target) + 1) * ins_cost
    for i in range(1, len(source) + 1):
        for j in range(1, len(target) + 1):
            substitution = 0.0 if source[i - 1] == target[j - 1] else sub_cost
            table[i, j] = min(table[i - 1, j - 1] + substitution, table[i - 1, j] + del_cost, table[i, j - 1] + ins_cost)
    return table


def levenshtein(source, target, sub_cost=1.0, ins_cost=1.0, del_cost=1.0):
    """Weighted edit distance and one optimal alignment [(op, source_char, target_char), ...]."""
    table = edit_distance_table(source, target, sub_cost, ins_cost, del_cost)
    i, j = len(source), len(target)
    alignment = []
    while i > 0 or j > 0:
        moves = []
        if i > 0 and j > 0:
            same = source[i - 1] == target[j - 1]
            moves.append((table[i - 1, j - 1] + (0.0 if same else sub_cost),
                          ("match" if same else "sub", source[i - 1], target[j - 1]), (i - 1, j - 1)))
        if i > 0:
            moves.append((table[i - 1, j] + del_cost, ("del", source[i - 1], ""), (i - 1, j)))
        if j > 0:
            moves.append((table[i, j - 1] + ins_cost, ("ins", "", target[j - 1]), (i, j - 1)))
        _, step, (i, j) = min(moves, key=lambda move: move[0])
        alignment.append(step)
    return float(table[-1, -1]), alignment[::-1]
''',
    },
    "correct_spelling": {
        "wrong": '''def correct_spelling(word, vocabulary, max_distance=2):
    """Closest vocabulary word within max_distance (ties: higher count, then alphabetical), else word."""
    if word in vocabulary:
        return word

    def distance(a, b):
        previous = list(range(len(b) + 1))
        for i, char_a in enumerate(a, start=1):
            current = [i]
            for j, char_b in enumerate(b, start=1):
                current.append(min(previous[j - 1] + (char_a != char_b), previous[j] + 1, current[j - 1] + 1))
            previous = current
        return previous[-1]

    candidates = [(distance(word, known), known) for known in vocabulary]
    candidates = [(d, known) for d, known in candidates if d <= max_distance]
    if not candidates:
        return word
    # Smallest distance first, then the highest count (and the word itself to decide the rest).
    return max(candidates, key=lambda item: (-item[0], vocabulary[item[1]], item[1]))[1]
''',
        "why": "the last tie-break uses max over the word, so equally distant and equally frequent words give the alphabetically last",
        "alternative": '''def correct_spelling(word, vocabulary, max_distance=2):
    """Closest vocabulary word within max_distance (ties: higher count, then alphabetical), else word."""
    if word in vocabulary:
        return word

    def unit_distance(a, b):
        table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i in range(len(a) + 1):
            table[i][0] = i
        for j in range(len(b) + 1):
            table[0][j] = j
        for i in range(1, len(a) + 1):
            for j in range(1, len(b) + 1):
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                                  table[i - 1][j - 1] + (0 if a[i - 1] == b[j - 1] else 1))
        return table[len(a)][len(b)]

    best_key, best_word = None, word
    for known, count in vocabulary.items():
        if abs(len(known) - len(word)) > max_distance:
            continue  # the length difference alone is already too large
        d = unit_distance(word, known)
        if d > max_distance:
            continue
        key = (d, -count, known)
        if best_key is None or key < best_key:
            best_key, best_word = key, known
    return best_word
''',
    },
    "word_error_rate": {
        "wrong": '''def word_error_rate(reference, hypothesis):
    \"\"\"Unit-cost word-level edit distance from reference to hypothesis, divided by the reference's word count.\"\"\"
    r, h = reference.split(), hypothesis.split()
    if not r:
        raise ValueError("empty reference")
    d = [[0] * (len(h) + 1) for _ in range(len(r) + 1)]
    for i in range(len(r) + 1):
        d[i][0] = i
    for j in range(len(h) + 1):
        d[0][j] = j
    for i in range(1, len(r) + 1):
        for j in range(1, len(h) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (r[i - 1] != h[j - 1]))
    return d[-1][-1] / max(len(h), 1)           # divides by the HYPOTHESIS length
''',
        "why": "divides the edit distance by the number of hypothesis words instead of reference words, so inserted "
               "words lower the rate instead of raising it",
        "alternative": '''def word_error_rate(reference, hypothesis):
    \"\"\"Unit-cost word-level edit distance from reference to hypothesis, divided by the reference's word count.\"\"\"
    gold = reference.split()
    guess = hypothesis.split()
    if len(gold) == 0:
        raise ValueError("no reference words")
    previous = list(range(len(guess) + 1))
    for i, word in enumerate(gold, 1):
        current = [i] + [0] * len(guess)
        for j, other in enumerate(guess, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if word == other else 1))
        previous = current
    return float(previous[-1] / len(gold))
''',
        "denied": '''def word_error_rate(reference, hypothesis):
    \"\"\"Unit-cost word-level edit distance from reference to hypothesis, divided by the reference's word count.\"\"\"
    import nltk

    words = reference.split()
    if not words:
        raise ValueError("no reference words")
    return float(nltk.edit_distance(words, hypothesis.split()) / len(words))
''',
    },
    "quiz": {
        "wrong": '''# Set the four variables below.
predicted_weighted_distance = 3.0   # forgets that a substitution now costs 2
predicted_wer = 1.5
measured_weighted_distance = float(levenshtein("kitten", "sitting", sub_cost=2.0)[0])
measured_wer = word_error_rate("hello world", "oh hello there big world")
''',
        "why": "predicts the unit-cost distance 3 for kitten -> sitting although a substitution costs 2 (the answer is 5)",
        "alternative": '''# Set the four variables below.
predicted_weighted_distance = 2 * 2 + 1.0
predicted_wer = 3 / 2
def unit_or_weighted(a, b, sub):
    row = [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        new = [float(i)]
        for j in range(1, len(b) + 1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (0 if a[i - 1] == b[j - 1] else sub)))
        row = new
    return row[-1]
measured_weighted_distance = unit_or_weighted("kitten", "sitting", 2.0)
measured_wer = unit_or_weighted("hello world".split(), "oh hello there big world".split(), 1.0) / 2
''',
    },
}
