"""Answer bank of week01_text_preprocessing_and_embeddings day01_nlp_pipeline_overview: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "simple_tokenize": {
        "wrong": '''def simple_tokenize(text):
    """Split `text` into lower-cased word tokens (runs of \\w) and single punctuation characters.

    Whitespace separates tokens and is dropped. Returns a list of str in text order.
    """
    # Words are runs of letters, digits and underscores; everything else that is not a space is punctuation.
    return [token.lower() for token in re.findall(r"[A-Za-z0-9_]+|[^\\w\\s]", text)]
''',
        "why": "ASCII [A-Za-z0-9_] instead of \\w for word characters: accented and non-Latin letters are lost",
        "alternative": '''def simple_tokenize(text):
    """Split `text` into lower-cased word tokens (runs of \\w) and single punctuation characters.

    Whitespace separates tokens and is dropped. Returns a list of str in text order.
    """
    # A hand-written scanner: \\w is exactly str.isalnum() or "_", \\s is str.isspace().
    tokens = []
    current = ""
    for character in text:
        if character.isalnum() or character == "_":
            current += character
            continue
        if current:
            tokens.append(current.lower())
            current = ""
        if not character.isspace():
            tokens.append(character.lower())
    if current:
        tokens.append(current.lower())
    return tokens
''',
    },
    "count_words": {
        "wrong": '''def count_words(tokens, top_k=None):
    """(word, count) pairs sorted by count descending, then word ascending; the first `top_k` if given."""
    return Counter(tokens).most_common(top_k)
''',
        "why": "Counter.most_common keeps first-seen order among equal counts instead of sorting ties alphabetically",
        "alternative": '''def count_words(tokens, top_k=None):
    """(word, count) pairs sorted by count descending, then word ascending; the first `top_k` if given."""
    totals = {}
    for token in tokens:
        totals[token] = totals.get(token, 0) + 1
    # Two stable sorts: alphabetical first, then by count (reverse=True keeps equal counts in alphabetical order).
    pairs = sorted(totals.items())
    pairs.sort(key=lambda pair: pair[1], reverse=True)
    if top_k is not None:
        pairs = pairs[:top_k]
    return pairs
''',
    },
    "classify": {
        "wrong": '''def classify(tokens, rules, default="unknown"):
    """Label with the most keyword hits in `tokens`; `default` if no hits or a tie for first place."""
    scores = {label: sum(tokens.count(keyword) for keyword in keywords) for label, keywords in rules.items()}
    if not scores:
        return default
    best = max(scores.values())
    winners = [label for label, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else default
''',
        "why": "a keyword listed twice for one label is counted twice (no set() over the keywords)",
        "alternative": '''def classify(tokens, rules, default="unknown"):
    """Label with the most keyword hits in `tokens`; `default` if no hits or a tie for first place."""
    keyword_sets = {label: set(keywords) for label, keywords in rules.items()}
    scores = dict.fromkeys(keyword_sets, 0)
    for token in tokens:
        for label, keywords in keyword_sets.items():
            if token in keywords:
                scores[label] += 1
    ranking = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranking or ranking[0][1] == 0:
        return default
    if len(ranking) > 1 and ranking[1][1] == ranking[0][1]:
        return default
    return ranking[0][0]
''',
    },
    "build_pipeline": {
        "wrong": '''def build_pipeline(steps):
    """Compose one-argument functions left to right: pipeline(x) = steps[-1](...steps[0](x))."""
    steps = list(steps)

    def pipeline(value):
        for step in steps:
            value = step(value)
        return value

    return pipeline


def label_texts(texts, rules, default="unknown"):
    """Label each raw text with the pipeline simple_tokenize -> classify(rules, default)."""
    keyword_classifier = build_pipeline([simple_tokenize, lambda tokens: classify(tokens, rules)])
    return [keyword_classifier(text) for text in texts]
''',
        "why": "label_texts does not pass `default` on to classify, so a custom default is ignored",
        "alternative": '''import functools


def build_pipeline(steps):
    """Compose one-argument functions left to right: pipeline(x) = steps[-1](...steps[0](x))."""
    frozen_steps = tuple(steps)
    return lambda x: functools.reduce(lambda value, step: step(value), frozen_steps, x)


def label_texts(texts, rules, default="unknown"):
    """Label each raw text with the pipeline simple_tokenize -> classify(rules, default)."""
    to_label = build_pipeline([simple_tokenize, functools.partial(classify, rules=rules, default=default)])
    return list(map(to_label, texts))
''',
    },
    "quiz": {
        "wrong": '''# Set q1_tokens to an int, and the other two to "a", "b" or "c".
q1_tokens = 12   # it's 9 : 30 , isn ' t it ? !
q2_zipf = "c"
q3_honest_score = "b"
''',
        "why": "q1 counts \"It's\" as one token: the apostrophe is a token of its own, so there are 13",
        "alternative": '''# Set q1_tokens to an int, and the other two to "a", "b" or "c".
q1_tokens = len(["it", "'", "s", "9", ":", "30", ",", "isn", "'", "t", "it", "?", "!"])
q2_zipf = {5900: "a", 600: "b", 60: "c"}[round(6000 / 100 ** 1)]   # count(r) = C / r**s with s = 1
q3_honest_score = "abc"[1]
''',
    },
}
