/* The text model's word hashing (cleanfeed/texthash.py) in C: the same sparse counts as
 * scikit-learn's HashingVectorizer with cleanfeed's settings, without a Python call per token.
 *
 * scikit-learn lowercases each text, finds its tokens with a regular expression, builds
 * every unigram and bigram as a Python string, encodes each to UTF-8 and hashes it: several
 * Python objects per token, about 50 µs for a 70-character block, and the larger part of
 * the text model's time.  This loop does the same in one pass over the lowered text:
 *
 *   - a token is a maximal run of word characters (Python's `\w`: Py_UNICODE_ISALNUM or
 *     '_', the test `re` itself makes) or one of the symbols $ £ € @ # ! ? : | ©, which is
 *     what `(?u)\b\w+\b|[$£€@#!?:|©]` finds;
 *   - the features are the unigrams, then each pair of neighbouring tokens joined by one
 *     space (ngram_range=(1, 2));
 *   - each is hashed with MurmurHash3 (x86, 32 bit, seed 0) over its UTF-8 bytes and goes to
 *     column abs(h) % n_features, as sklearn.feature_extraction._hashing_fast does
 *     (alternate_sign=False, so every value is +1);
 *   - a row's columns are sorted and repeated ones summed, as csr sum_duplicates does;
 *   - each row is divided by its l2 norm with the arithmetic of scikit-learn's
 *     inplace_csr_row_normalize_l2 (squares in float, their sum in double, each value
 *     divided in double and stored as float), so the matrix is the same to the bit.
 *
 * tests/test_texthash.py compares the two on the seeds, rule cases and hypothesis-generated
 * text.  Lowercasing is str.lower itself (full case mapping: "İ" becomes two characters),
 * called once per text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/* MurmurHash3_x86_32 (Austin Appleby, public domain), as scikit-learn's murmurhash3_bytes_s32. */
static int32_t murmur3(const uint8_t *key, Py_ssize_t len) {
    const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    uint32_t h = 0; /* seed 0 */
    Py_ssize_t nblocks = len / 4;
    for (Py_ssize_t i = 0; i < nblocks; i++) {
        uint32_t k;
        memcpy(&k, key + 4 * i, 4); /* little-endian machines, as the reference reads blocks */
        k *= c1;
        k = rotl32(k, 15);
        k *= c2;
        h ^= k;
        h = rotl32(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const uint8_t *tail = key + 4 * nblocks;
    uint32_t k1 = 0;
    switch (len & 3) {
    case 3: k1 ^= (uint32_t)tail[2] << 16; /* fall through */
    case 2: k1 ^= (uint32_t)tail[1] << 8;  /* fall through */
    case 1:
        k1 ^= tail[0];
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h ^= k1;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return (int32_t)h;
}

static int32_t column(int32_t h, int32_t n_features) {
    /* abs(INT32_MIN) is undefined; scikit-learn defines its column as abs(-2**31) % n. */
    if (h == INT32_MIN) return (int32_t)((2147483647 - (int64_t)(n_features - 1)) % n_features);
    return (h < 0 ? -h : h) % n_features;
}

static int is_symbol(Py_UCS4 c) {
    switch (c) {
    case '$': case 0xa3 /* £ */: case 0x20ac /* € */: case '@': case '#': case '!': case '?': case ':': case '|':
    case 0xa9 /* © */:
        return 1;
    }
    return 0;
}

static int is_word(Py_UCS4 c) {
    if (c < 128) return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    return Py_UNICODE_ISALNUM(c);
}

static Py_ssize_t put_utf8(uint8_t *out, Py_UCS4 c) {
    /* Lone surrogates are written as three bytes; they are never word characters or symbols,
     * so no token, and no hash, ever contains them. */
    if (c < 0x80) { out[0] = (uint8_t)c; return 1; }
    if (c < 0x800) { out[0] = 0xc0 | (c >> 6); out[1] = 0x80 | (c & 0x3f); return 2; }
    if (c < 0x10000) { out[0] = 0xe0 | (c >> 12); out[1] = 0x80 | ((c >> 6) & 0x3f); out[2] = 0x80 | (c & 0x3f); return 3; }
    out[0] = 0xf0 | (c >> 18); out[1] = 0x80 | ((c >> 12) & 0x3f); out[2] = 0x80 | ((c >> 6) & 0x3f); out[3] = 0x80 | (c & 0x3f);
    return 4;
}

/* A growable array (of int32, float32 or Py_ssize_t items). */
typedef struct {
    char *data;
    Py_ssize_t size, capacity;
} Buf;

static int grow(Buf *b, Py_ssize_t need, Py_ssize_t item) {
    if (need <= b->capacity) return 1;
    Py_ssize_t cap = b->capacity ? b->capacity : 1024;
    while (cap < need) cap *= 2;
    char *p = PyMem_Realloc(b->data, cap * item);
    if (!p) { PyErr_NoMemory(); return 0; }
    b->data = p;
    b->capacity = cap;
    return 1;
}

static int cmp_int32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* A block's row has a few dozen columns: insertion sort, qsort for long texts. */
static void sort_columns(int32_t *r, Py_ssize_t n) {
    if (n > 64) { qsort(r, n, sizeof(int32_t), cmp_int32); return; }
    for (Py_ssize_t i = 1; i < n; i++) {
        int32_t v = r[i];
        Py_ssize_t j = i;
        while (j > 0 && r[j - 1] > v) { r[j] = r[j - 1]; j--; }
        r[j] = v;
    }
}

/* hash_counts(texts, n_features) -> (indices, indptr, data) */
static PyObject *hash_counts(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t n_features;
    if (!PyArg_ParseTuple(args, "On", &texts, &n_features)) return NULL;
    if (n_features <= 0 || n_features > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "n_features must be between 1 and 2**31 - 1");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(texts, "texts must be a sequence of str");
    if (!seq) return NULL;
    Py_ssize_t n_texts = PySequence_Fast_GET_SIZE(seq);
    PyObject *result = NULL;
    Buf cols = {0}, counts = {0}, row = {0}, toks = {0};
    uint8_t *u8 = NULL, *pair = NULL;
    Py_ssize_t u8_cap = 0, pair_cap = 0;
    int32_t *indptr = PyMem_Malloc((n_texts + 1) * sizeof(int32_t));
    if (!indptr) { PyErr_NoMemory(); goto done; }
    indptr[0] = 0;
    for (Py_ssize_t t = 0; t < n_texts; t++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, t);
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "texts[%zd] is %.100s, not str", t, Py_TYPE(text)->tp_name);
            goto done;
        }
        PyObject *lowered = PyObject_CallMethod(text, "lower", NULL);
        if (!lowered) goto done;
        Py_ssize_t n = PyUnicode_GET_LENGTH(lowered);
        int kind = PyUnicode_KIND(lowered);
        const void *data = PyUnicode_DATA(lowered);
        if (4 * n > u8_cap) {
            u8_cap = 4 * n + 64;
            uint8_t *p = PyMem_Realloc(u8, u8_cap);
            if (!p) { Py_DECREF(lowered); PyErr_NoMemory(); goto done; }
            u8 = p;
        }
        /* Tokens as (byte start, byte length) pairs into u8. */
        toks.size = 0;
        row.size = 0;
        Py_ssize_t pos = 0, i = 0;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (is_word(c)) {
                Py_ssize_t start = pos;
                while (i < n && is_word(c = PyUnicode_READ(kind, data, i))) {
                    pos += put_utf8(u8 + pos, c);
                    i++;
                }
                if (!grow(&toks, toks.size + 2, sizeof(Py_ssize_t))) { Py_DECREF(lowered); goto done; }
                ((Py_ssize_t *)toks.data)[toks.size++] = start;
                ((Py_ssize_t *)toks.data)[toks.size++] = pos - start;
                continue;
            }
            Py_ssize_t start = pos;
            pos += put_utf8(u8 + pos, c);
            i++;
            if (is_symbol(c)) {
                if (!grow(&toks, toks.size + 2, sizeof(Py_ssize_t))) { Py_DECREF(lowered); goto done; }
                ((Py_ssize_t *)toks.data)[toks.size++] = start;
                ((Py_ssize_t *)toks.data)[toks.size++] = pos - start;
            }
        }
        Py_DECREF(lowered);
        const Py_ssize_t *tok = (const Py_ssize_t *)toks.data;
        Py_ssize_t n_tok = toks.size / 2;
        Py_ssize_t n_feat = n_tok > 0 ? 2 * n_tok - 1 : 0;
        if (!grow(&row, n_feat, sizeof(int32_t))) goto done;
        int32_t *r = (int32_t *)row.data;
        for (Py_ssize_t k = 0; k < n_tok; k++) r[k] = column(murmur3(u8 + tok[2 * k], tok[2 * k + 1]), (int32_t)n_features);
        for (Py_ssize_t k = 0; k + 1 < n_tok; k++) {
            Py_ssize_t a = tok[2 * k + 1], b = tok[2 * k + 3], len = a + 1 + b;
            if (len > pair_cap) {
                pair_cap = 2 * len + 64;
                uint8_t *p = PyMem_Realloc(pair, pair_cap);
                if (!p) { PyErr_NoMemory(); goto done; }
                pair = p;
            }
            memcpy(pair, u8 + tok[2 * k], a);
            pair[a] = ' ';
            memcpy(pair + a + 1, u8 + tok[2 * k + 2], b);
            r[n_tok + k] = column(murmur3(pair, len), (int32_t)n_features);
        }
        sort_columns(r, n_feat);
        if (!grow(&cols, cols.size + n_feat, sizeof(int32_t)) || !grow(&counts, counts.size + n_feat, sizeof(float))) goto done;
        int32_t *out_cols = (int32_t *)cols.data;
        float *out_counts = (float *)counts.data;
        for (Py_ssize_t k = 0; k < n_feat; k++) {
            if (k > 0 && r[k] == r[k - 1]) {
                out_counts[counts.size - 1] += 1.0f;
            } else {
                out_cols[cols.size++] = r[k];
                out_counts[counts.size++] = 1.0f;
            }
        }
        {
            double sum = 0.0;
            for (Py_ssize_t k = indptr[t]; k < counts.size; k++) sum += (double)(out_counts[k] * out_counts[k]);
            if (sum != 0.0) {
                sum = sqrt(sum);
                for (Py_ssize_t k = indptr[t]; k < counts.size; k++) out_counts[k] = (float)((double)out_counts[k] / sum);
            }
        }
        if (cols.size > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "too many hashed features for one call");
            goto done;
        }
        indptr[t + 1] = (int32_t)cols.size;
    }
    result = Py_BuildValue("(y#y#y#)", cols.data ? cols.data : "", cols.size * (Py_ssize_t)sizeof(int32_t), (char *)indptr,
                           (n_texts + 1) * (Py_ssize_t)sizeof(int32_t), counts.data ? counts.data : "",
                           counts.size * (Py_ssize_t)sizeof(float));
done:
    Py_DECREF(seq);
    PyMem_Free(indptr);
    PyMem_Free(cols.data);
    PyMem_Free(counts.data);
    PyMem_Free(row.data);
    PyMem_Free(toks.data);
    PyMem_Free(u8);
    PyMem_Free(pair);
    return result;
}

static PyMethodDef methods[] = {
    {"hash_counts", hash_counts, METH_VARARGS,
     "hash_counts(texts, n_features) -> (indices, indptr, data): the l2-normalised hashed unigram and bigram "
     "counts of each text as CSR arrays (int32, int32, float32 bytes), as scikit-learn's HashingVectorizer "
     "makes them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ctext", "cleanfeed's compiled word hashing.", -1, methods};

PyMODINIT_FUNC PyInit__ctext(void) { return PyModule_Create(&module); }
