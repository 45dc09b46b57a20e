"""Answer bank of week01_text_preprocessing_and_embeddings day03_bow_tfidf_cbow: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "build_vocabulary": {
        "wrong": '''def build_vocabulary(docs, min_count=1):
    """Map each token with count >= min_count to an index; order: count descending, then token ascending."""
    counts = Counter(token for doc in docs for token in doc)
    kept = sorted((token for token, count in counts.items() if count > min_count),
                  key=lambda token: (-counts[token], token))
    return {token: index for index, token in enumerate(kept)}
''',
        "why": "keeps count > min_count instead of >= min_count, so tokens seen exactly min_count times are dropped",
        "alternative": '''def build_vocabulary(docs, min_count=1):
    """Map each token with count >= min_count to an index; order: count descending, then token ascending."""
    totals = {}
    for doc in docs:
        for token in doc:
            totals[token] = totals.get(token, 0) + 1
    frequent = sorted(token for token in totals if totals[token] >= min_count)  # alphabetical first
    frequent.sort(key=totals.__getitem__, reverse=True)  # stable: equal counts stay alphabetical
    vocabulary = {}
    for token in frequent:
        vocabulary[token] = len(vocabulary)
    return vocabulary
''',
    },
    "bag_of_words": {
        "wrong": '''def bag_of_words(docs, vocab):
    """Canonical CSR arrays (data, indices, indptr), all int64, of the (len(docs), len(vocab)) count matrix."""
    data, indices, indptr = [], [], [0]
    for doc in docs:
        row = Counter(vocab[token] for token in doc if token in vocab)  # column -> count, first-seen order
        for column, count in row.items():
            indices.append(column)
            data.append(count)
        indptr.append(len(indices))
    return np.array(data, dtype=np.int64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)
''',
        "why": "columns in order of first appearance in the document instead of ascending within each row",
        "alternative": '''def bag_of_words(docs, vocab):
    """Canonical CSR arrays (data, indices, indptr), all int64, of the (len(docs), len(vocab)) count matrix."""
    # Let SciPy do it: one (row, column) entry per known token; COO -> CSR sums the duplicates.
    rows = np.array([r for r, doc in enumerate(docs) for token in doc if token in vocab], dtype=np.int64)
    columns = np.array([vocab[token] for doc in docs for token in doc if token in vocab], dtype=np.int64)
    ones = np.ones(len(rows), dtype=np.int64)
    matrix = scipy.sparse.coo_matrix((ones, (rows, columns)), shape=(len(docs), len(vocab))).tocsr()
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix.data.astype(np.int64), matrix.indices.astype(np.int64), matrix.indptr.astype(np.int64)
''',
        "denied": '''from sklearn.feature_extraction.text import CountVectorizer


def bag_of_words(docs, vocab):
    """Canonical CSR arrays (data, indices, indptr), all int64, of the (len(docs), len(vocab)) count matrix."""
    if not vocab:  # CountVectorizer refuses an empty vocabulary
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(len(docs) + 1, dtype=np.int64)
    # The documents are already token lists: an analyzer that returns them unchanged.
    vectorizer = CountVectorizer(vocabulary=vocab, analyzer=lambda tokens: tokens)
    matrix = vectorizer.transform(docs).tocsr()
    matrix.sort_indices()
    return matrix.data.astype(np.int64), matrix.indices.astype(np.int64), matrix.indptr.astype(np.int64)
''',
    },
    "tfidf_matrix": {
        "wrong": '''def tfidf_matrix(counts, smooth=False):
    """Roadmap TF-IDF of an (N, V) count matrix: (count / row sum) * ln(N / df), or ln((1+N)/(1+df)) if smooth."""
    counts = np.asarray(counts, dtype=np.float64)
    n_docs = counts.shape[0]
    row_sums = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, row_sums, out=np.zeros_like(counts), where=row_sums > 0)
    df = counts.sum(axis=0)  # how often each term occurs
    if smooth:
        idf = np.log((1.0 + n_docs) / (1.0 + df))
    else:
        idf = np.zeros(counts.shape[1])
        idf[df > 0] = np.log(n_docs / df[df > 0])
    return tf * idf
''',
        "why": "df is the total number of occurrences of the term instead of the number of documents that contain it",
        "alternative": '''import math


def tfidf_matrix(counts, smooth=False):
    """Roadmap TF-IDF of an (N, V) count matrix: (count / row sum) * ln(N / df), or ln((1+N)/(1+df)) if smooth."""
    matrix = np.array(counts, dtype=np.float64)  # a copy (N, V)
    n_docs, n_terms = matrix.shape
    weights = np.zeros((n_docs, n_terms))
    for term in range(n_terms):
        df = int(np.count_nonzero(matrix[:, term] > 0))
        if smooth:
            idf = math.log((1 + n_docs) / (1 + df))
        else:
            idf = math.log(n_docs / df) if df else 0.0
        for doc in range(n_docs):
            length = matrix[doc].sum()
            if length > 0:
                weights[doc, term] = matrix[doc, term] / length * idf
    return weights
''',
        "denied": '''from sklearn.feature_extraction.text import TfidfTransformer


def tfidf_matrix(counts, smooth=False):
    """Roadmap TF-IDF of an (N, V) count matrix: (count / row sum) * ln(N / df), or ln((1+N)/(1+df)) if smooth."""
    counts = np.asarray(counts, dtype=np.float64)  # (N, V)
    if counts.shape[0] == 0:
        return np.zeros(counts.shape)
    row_sums = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, row_sums, out=np.zeros_like(counts), where=row_sums > 0)
    with np.errstate(divide="ignore"):
        idf = TfidfTransformer(norm=None, smooth_idf=smooth).fit(counts).idf_ - 1.0  # scikit-learn adds 1
    idf[~np.isfinite(idf)] = 0.0  # df = 0 without smoothing
    return tf * idf
''',
    },
    "cosine_top_k": {
        "wrong": '''def cosine_top_k(query_vec, matrix, k):
    """Indices (int64) of the k rows most cosine-similar to query_vec; ties -> smaller index; zero vectors -> 0."""
    query_vec = np.asarray(query_vec, dtype=np.float64)
    matrix = np.asarray(matrix, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query_vec)
    similarity = np.divide(matrix @ query_vec, norms, out=np.zeros(len(matrix)), where=norms > 0)
    # Sort ascending (stable), then read it backwards for the largest first.
    order = np.argsort(np.round(similarity, 9), kind="stable")[::-1]
    return order[:k].astype(np.int64)
''',
        "why": "reverses an ascending stable sort, so among equal similarities the larger row index comes first",
        "alternative": '''import math


def cosine_top_k(query_vec, matrix, k):
    """Indices (int64) of the k rows most cosine-similar to query_vec; ties -> smaller index; zero vectors -> 0."""
    query = [float(x) for x in np.ravel(query_vec)]
    query_norm = math.sqrt(sum(x * x for x in query))
    scored = []
    for index, row in enumerate(np.asarray(matrix, dtype=np.float64)):
        row_norm = math.sqrt(float(np.dot(row, row)))
        cosine = float(np.dot(row, query)) / (row_norm * query_norm) if row_norm > 0 and query_norm > 0 else 0.0
        scored.append((-round(cosine, 9), index))
    scored.sort()  # largest rounded cosine first, then the smaller index
    return np.array([index for _, index in scored[:k]], dtype=np.int64)
''',
        "denied": '''from sklearn.metrics.pairwise import cosine_similarity


def cosine_top_k(query_vec, matrix, k):
    """Indices (int64) of the k rows most cosine-similar to query_vec; ties -> smaller index; zero vectors -> 0."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    similarity = cosine_similarity(np.asarray(query_vec, dtype=np.float64)[None, :], matrix)[0]  # zero vectors: 0
    order = np.lexsort((np.arange(len(similarity)), -np.round(similarity, 9)))
    return order[:k].astype(np.int64)
''',
    },
    "cbow_pairs": {
        "wrong": '''def cbow_pairs(tokens, window):
    """(context list, target) for every position; context = up to `window` tokens each side, clipped."""
    pairs = []
    for i, target in enumerate(tokens):
        context = tokens[i - window:i] + tokens[i + 1:i + 1 + window]
        if context:
            pairs.append((context, target))
    return pairs
''',
        "why": "left context tokens[i - window:i] without max(0, ...): near the start the negative index gives an empty slice",
        "alternative": '''def cbow_pairs(tokens, window):
    """(context list, target) for every position; context = up to `window` tokens each side, clipped."""
    pairs = []
    n = len(tokens)
    for position in range(n):
        neighbours = [tokens[other] for other in range(position - window, position + window + 1)
                      if 0 <= other < n and other != position]
        if neighbours:
            pairs.append((neighbours, tokens[position]))
    return pairs
''',
    },
    "inverse_document_frequency": {
        "wrong": '''def inverse_document_frequency(counts, smooth=False):
    \"\"\"ln(N / df) per column of an (N, V) count matrix, df = documents containing the term; ln((1+N)/(1+df)) if smooth.\"\"\"
    matrix = np.asarray(counts, dtype=np.float64)
    df = (matrix > 0).sum(axis=0)
    if smooth:
        return np.log((1.0 + matrix.shape[0]) / (1.0 + df))
    return np.log10(matrix.shape[0] / np.maximum(df, 1)) * (df > 0)   # base-10 logarithm
''',
        "why": "uses the base-10 logarithm instead of the natural one in the unsmoothed idf",
        "alternative": '''def inverse_document_frequency(counts, smooth=False):
    \"\"\"ln(N / df) per column of an (N, V) count matrix, df = documents containing the term; ln((1+N)/(1+df)) if smooth.\"\"\"
    matrix = np.array(counts, dtype=float)
    n = len(matrix)
    out = []
    for column in matrix.T:
        documents_with_term = int(np.sum(column > 0))
        if smooth:
            out.append(np.log((n + 1) / (documents_with_term + 1)))
        else:
            out.append(np.log(n / documents_with_term) if documents_with_term else 0.0)
    return np.array(out, dtype=np.float64).reshape(matrix.shape[1])
''',
        "denied": '''def inverse_document_frequency(counts, smooth=False):
    \"\"\"ln(N / df) per column of an (N, V) count matrix, df = documents containing the term; ln((1+N)/(1+df)) if smooth.\"\"\"
    from sklearn.feature_extraction.text import TfidfTransformer

    matrix = np.asarray(counts, dtype=np.float64)
    idf = TfidfTransformer(smooth_idf=smooth).fit(matrix).idf_ - 1.0
    return np.where(np.isfinite(idf), idf, 0.0)
''',
    },
    "quiz": {
        "wrong": '''quiz_counts = np.array([[1, 1, 0], [2, 0, 0], [0, 0, 1]])
quiz_rows = np.array([[3.0, 3.0, 0.0], [1.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
# Set the six variables below.
predicted_smooth_weight = float(np.log(4 / 3))
predicted_second_row = 1
predicted_context_tokens = 20                     # 4 context words at every position, as if padded
measured_smooth_weight = float(tfidf_matrix(quiz_counts, smooth=True)[1, 0])
measured_second_row = int(cosine_top_k(np.array([1.0, 1.0, 0.0]), quiz_rows, 2)[1])
measured_context_tokens = sum(len(c) for c, _ in cbow_pairs(["w1", "w2", "w3", "w4", "w5"], 2))
''',
        "why": "predicts 2 * window context tokens at every position, forgetting that contexts are clipped at the ends",
        "alternative": '''quiz_counts = np.array([[1, 1, 0], [2, 0, 0], [0, 0, 1]])
quiz_rows = np.array([[3.0, 3.0, 0.0], [1.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
# Set the six variables below.
predicted_smooth_weight = 0.2877
predicted_second_row = int(1)
predicted_context_tokens = 2 + 3 + 4 + 3 + 2
row = quiz_counts[1] / quiz_counts[1].sum()
df = (quiz_counts > 0).sum(axis=0)
measured_smooth_weight = float(row[0] * np.log((1 + 3) / (1 + df[0])))
query = np.array([1.0, 1.0, 0.0])
norms = np.linalg.norm(quiz_rows, axis=1) * np.linalg.norm(query)
scores = np.where(norms > 0, quiz_rows @ query / np.where(norms > 0, norms, 1.0), 0.0)
measured_second_row = int(np.lexsort((np.arange(4), -np.round(scores, 9)))[1])
measured_context_tokens = sum(min(i, 2) + min(4 - i, 2) for i in range(5))
''',
    },
}
