"""Answer bank for week09/day05_cross_modal_trends (see tests/answer_bank/__init__.py)."""

BANK = {
    "chunk_words": {
        "wrong": '''def chunk_words(text, chunk_size, overlap):
    if chunk_size < 1 or overlap < 0 or overlap >= chunk_size:
        raise ValueError("bad sizes")
    tokens = text.split()
    return [" ".join(tokens[start:start + chunk_size]) for start in range(0, len(tokens), chunk_size - overlap)]
''',
        "why": "keeps going after a window has reached the end: trailing windows that lie inside the previous one",
        "alternative": '''def chunk_words(text, chunk_size, overlap):
    if not (1 <= chunk_size and 0 <= overlap < chunk_size):
        raise ValueError("chunk_size must be >= 1 and 0 <= overlap < chunk_size")
    pieces = text.split()
    windows = []
    begin = 0
    while pieces[begin:]:
        windows.append(" ".join(pieces[begin:begin + chunk_size]))
        if begin + chunk_size >= len(pieces):
            break
        begin += chunk_size - overlap
    return windows
''',
    },
    "bm25_scores": {
        "wrong": '''def bm25_scores(query_tokens, documents_tokens, k1=1.5, b=0.75):
    n_documents = len(documents_tokens)
    scores = np.zeros(n_documents)
    if n_documents == 0:
        return scores
    lengths = np.array([len(tokens) for tokens in documents_tokens], dtype=float)
    if lengths.mean() == 0:
        return scores
    frequency = Counter(word for tokens in documents_tokens for word in set(tokens))
    for word in query_tokens:
        if frequency[word] == 0:
            continue
        idf = math.log((n_documents - frequency[word] + 0.5) / (frequency[word] + 0.5))
        counts = np.array([tokens.count(word) for tokens in documents_tokens], dtype=float)
        scores += idf * counts * (k1 + 1) / (counts + k1 * (1 - b + b * lengths / lengths.mean()))
    return scores
''',
        "why": "the Robertson-Sparck Jones IDF without the '1 +': words in more than half the documents score negative",
        "alternative": '''def bm25_scores(query_tokens, documents_tokens, k1=1.5, b=0.75):
    total = len(documents_tokens)
    if total == 0:
        return np.array([], dtype=np.float64)
    sizes = np.fromiter((len(d) for d in documents_tokens), dtype=np.float64, count=total)
    if sizes.sum() == 0:
        return np.zeros(total)
    vocabulary = sorted({w for d in documents_tokens for w in d})
    column = {w: j for j, w in enumerate(vocabulary)}
    tf = np.zeros((total, len(vocabulary)))
    for i, d in enumerate(documents_tokens):
        for w in d:
            tf[i, column[w]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.log1p((total - df + 0.5) / (df + 0.5))
    norm = k1 * (1 - b + b * sizes / sizes.mean())
    weights = idf * tf * (k1 + 1) / (tf + norm[:, None])
    result = np.zeros(total)
    for w in query_tokens:
        if w in column:
            result = result + weights[:, column[w]]
    return result
''',
    },
    "top_k_indices": {
        "wrong": '''def top_k_indices(scores, k):
    values = np.asarray(scores)
    if values.ndim != 1 or k < 1:
        raise ValueError("need 1-D scores and k >= 1")
    return np.argsort(values, kind="stable")[::-1][:k].astype(np.int64)
''',
        "why": "reverses an ascending sort, which puts equal scores in DEScending index order",
        "alternative": '''def top_k_indices(scores, k):
    values = np.asarray(scores)
    if values.ndim != 1:
        raise ValueError("scores must be one-dimensional")
    if k < 1:
        raise ValueError("k must be positive")
    positions = np.arange(len(values))
    order = np.lexsort((positions, -values.astype(float)))
    return np.asarray(order[: min(k, len(values))], dtype=np.int64)
''',
    },
    "dense_search": {
        "wrong": '''def dense_search(query_vectors, passage_vectors, k):
    queries = np.asarray(query_vectors, dtype=np.float64)
    items = np.asarray(passage_vectors, dtype=np.float64)
    queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-300)
    scores = queries @ items.T
    order = np.argsort(-scores, axis=1, kind="stable")
    return order[:, :k].astype(np.int64)
''',
        "why": "normalises the queries only: long passage vectors still win",
        "alternative": '''def dense_search(query_vectors, passage_vectors, k):
    q = np.asarray(query_vectors, dtype=np.float64)
    p = np.asarray(passage_vectors, dtype=np.float64)
    q_len = np.sqrt((q ** 2).sum(axis=1))
    p_len = np.sqrt((p ** 2).sum(axis=1))
    q_len[q_len == 0] = 1.0
    p_len[p_len == 0] = 1.0
    cosine = (q @ p.T) / np.outer(q_len, p_len)
    rows = []
    for row in cosine:
        ranked = sorted(range(len(row)), key=lambda j: (-row[j], j))
        rows.append(ranked[:k])
    return np.array(rows, dtype=np.int64).reshape(len(q), min(k, len(p)))
''',
    },
    "reciprocal_rank_fusion": {
        "wrong": '''def reciprocal_rank_fusion(rankings, k=60):
    if k < 0:
        raise ValueError("k must be >= 0")
    fused = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[int(item)] = fused.get(int(item), 0.0) + 1.0 / (k + rank + 1e-9)
    ordered = sorted(fused, key=lambda item: (-fused[item], item))
    return ordered, np.array([fused[item] for item in ordered], dtype=np.float64)
''',
        "why": "counts ranks from 0, so the first place is worth 1/k instead of 1/(k + 1)",
        "alternative": '''def reciprocal_rank_fusion(rankings, k=60):
    if k < 0:
        raise ValueError("k must not be negative")
    from collections import defaultdict
    total = defaultdict(float)
    for ranking in rankings:
        for position in range(len(ranking)):
            total[int(ranking[position])] += 1 / (position + 1 + k)
    pairs = sorted(total.items(), key=lambda pair: (-pair[1], pair[0]))
    ids = [item for item, _ in pairs]
    return ids, np.asarray([score for _, score in pairs], dtype=np.float64).reshape(len(ids))
''',
    },
    "recall_at_k": {
        "wrong": '''def recall_at_k(ranked_lists, relevant_sets, k):
    if k < 1 or not ranked_lists or len(ranked_lists) != len(relevant_sets):
        raise ValueError("bad input")
    shares = []
    for ranking, relevant in zip(ranked_lists, relevant_sets):
        wanted = {int(item) for item in relevant}
        if not wanted:
            raise ValueError("empty relevant set")
        shares.append(len(wanted.intersection(int(item) for item in list(ranking)[:k])) / k)
    return float(np.mean(shares))
''',
        "why": "divides by k (that is precision@k), not by the number of relevant items",
        "alternative": '''def recall_at_k(ranked_lists, relevant_sets, k):
    if k < 1:
        raise ValueError("k must be >= 1")
    if len(ranked_lists) != len(relevant_sets) or len(ranked_lists) == 0:
        raise ValueError("one relevant set per question, at least one question")
    total = 0.0
    for ranking, relevant in zip(ranked_lists, relevant_sets):
        gold = set(np.asarray(list(relevant), dtype=np.int64).tolist())
        if len(gold) == 0:
            raise ValueError("a question without relevant items")
        top = np.asarray(list(ranking), dtype=np.int64)[:k].tolist()
        total += sum(item in gold for item in top) / len(gold)
    return total / len(ranked_lists)
''',
    },
    "answer_f1": {
        "wrong": '''def normalise_answer(text):
    kept = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    return kept.split()


def exact_match(prediction, gold):
    return float(normalise_answer(prediction) == normalise_answer(gold))


def answer_f1(prediction, gold):
    predicted, wanted = normalise_answer(prediction), normalise_answer(gold)
    if not predicted or not wanted:
        return float(predicted == wanted)
    common = sum((Counter(predicted) & Counter(wanted)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted), common / len(wanted)
    return 2 * precision * recall / (precision + recall)
''',
        "why": "forgets to remove the articles a, an, the",
        "alternative": '''def _squad_words(text):
    text = text.lower().translate(str.maketrans("", "", string.punctuation))
    text = re.sub(r"\\b(?:a|an|the)\\b", " ", text)
    return text.split()


def exact_match(prediction, gold):
    return 1.0 if " ".join(_squad_words(prediction)) == " ".join(_squad_words(gold)) else 0.0


def answer_f1(prediction, gold):
    guess, truth = _squad_words(prediction), _squad_words(gold)
    if len(guess) == 0 or len(truth) == 0:
        return 1.0 if len(guess) == len(truth) else 0.0
    remaining = list(truth)
    shared = 0
    for token in guess:
        if token in remaining:
            remaining.remove(token)
            shared += 1
    if shared == 0:
        return 0.0
    return 2.0 * shared / (len(guess) + len(truth))
''',
    },
    "quiz": {
        "wrong": '''quiz_rankings = [[12, 4, 9], [12, 9, 30]]
quiz_generator = np.random.default_rng(5)
quiz_random_rankings = [quiz_generator.permutation(100).tolist() for _ in range(400)]
quiz_random_relevant = [{int(article)} for article in quiz_generator.integers(0, 100, size=400)]
predicted_rrf_top = 2 / 60
predicted_random_recall = 0.5
predicted_f1 = 0.5
measured_rrf_top = float(reciprocal_rank_fusion(quiz_rankings)[1][0])
measured_random_recall = recall_at_k(quiz_random_rankings, quiz_random_relevant, 5)
measured_f1 = answer_f1("Peter Jackson, the director", "Peter Jackson")
''',
        "why": "counts the first rank as 0, expects recall 5/10 and keeps 'the' in the F1",
        "alternative": '''quiz_rankings = [[12, 4, 9], [12, 9, 30]]
quiz_generator = np.random.default_rng(5)
quiz_random_rankings = [quiz_generator.permutation(100).tolist() for _ in range(400)]
quiz_random_relevant = [{int(article)} for article in quiz_generator.integers(0, 100, size=400)]
predicted_rrf_top = 0.0328
predicted_random_recall = 5 / 100
predicted_f1 = 2 * (2 / 3) * 1.0 / (2 / 3 + 1.0)
_ids, _scores = reciprocal_rank_fusion(quiz_rankings, k=60)
measured_rrf_top = float(_scores[_ids.index(12)])
measured_random_recall = float(recall_at_k(quiz_random_rankings, quiz_random_relevant, k=5))
measured_f1 = float(answer_f1(prediction="Peter Jackson, the director", gold="Peter Jackson"))
''',
    },
}
