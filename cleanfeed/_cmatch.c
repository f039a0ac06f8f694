/* The rules' literal pre-checks (Rule.requires) in C: which rules have one of their
 * required strings in a block, for all rules in one pass over the block.
 *
 * In Python each rule's check is `'earn' in s or 'money' in s or ...`: one substring search
 * per required string, some two hundred over the default rules, most of the rule stage's
 * time on a block that no rule's pattern is then tried on.  Here the strings of all rules
 * form one Aho-Corasick automaton over code points; a block is read once, and every state
 * says which rules' strings end there (its own and, through the failure links, those of
 * its suffixes).  The answer is the same as the substring searches: a rule passes when any
 * of its strings occurs anywhere in the lower-cased block (tests/test_rules.py compares
 * the two on the rule cases, the seeds and hypothesis-generated text).
 *
 * Transitions on ASCII characters are a dense table with the failure links already
 * followed (a DFA); other characters walk the sorted child lists and failure links.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Py_UCS4 c;
    int32_t next;
} Edge;

typedef struct {
    int32_t n_nodes, n_groups, words_per_mask;
    int32_t *fail;        /* n_nodes */
    int32_t *edge_start;  /* n_nodes + 1: node i's children are edges[edge_start[i] .. edge_start[i + 1]) */
    Edge *edges;          /* sorted by character within a node */
    int32_t *ascii;       /* n_nodes * 128: the DFA move on an ASCII character */
    uint64_t *out;        /* n_nodes * words_per_mask: groups whose strings end at the node */
} Automaton;

static void free_automaton(Automaton *a) {
    if (!a) return;
    PyMem_Free(a->fail);
    PyMem_Free(a->edge_start);
    PyMem_Free(a->edges);
    PyMem_Free(a->ascii);
    PyMem_Free(a->out);
    PyMem_Free(a);
}

static void capsule_free(PyObject *capsule) { free_automaton(PyCapsule_GetPointer(capsule, "cleanfeed._cmatch.Automaton")); }

/* A trie under construction: children as unsorted linked edges. */
typedef struct {
    Py_UCS4 c;
    int32_t next, sibling;
} TrieEdge;

static int32_t child_of(const Automaton *a, int32_t node, Py_UCS4 c) {
    int32_t lo = a->edge_start[node], hi = a->edge_start[node + 1];
    while (lo < hi) {
        int32_t mid = (lo + hi) / 2;
        if (a->edges[mid].c < c) lo = mid + 1;
        else hi = mid;
    }
    return (lo < a->edge_start[node + 1] && a->edges[lo].c == c) ? a->edges[lo].next : -1;
}

static int cmp_edge(const void *x, const void *y) {
    Py_UCS4 a = ((const Edge *)x)->c, b = ((const Edge *)y)->c;
    return (a > b) - (a < b);
}

/* build(groups) -> capsule: groups is a sequence of sequences of non-empty str. */
static PyObject *build(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *groups;
    if (!PyArg_ParseTuple(args, "O", &groups)) return NULL;
    PyObject *gseq = PySequence_Fast(groups, "groups must be a sequence of sequences of str");
    if (!gseq) return NULL;
    Py_ssize_t n_groups = PySequence_Fast_GET_SIZE(gseq);
    Automaton *a = NULL;
    TrieEdge *tedges = NULL;
    int32_t *first_child = NULL, *queue = NULL;
    uint64_t *own = NULL;
    PyObject *result = NULL;
    /* Upper bound on nodes: one per character of every string, plus the root. */
    Py_ssize_t max_nodes = 1;
    for (Py_ssize_t g = 0; g < n_groups; g++) {
        PyObject *words = PySequence_Fast(PySequence_Fast_GET_ITEM(gseq, g), "each group must be a sequence of str");
        if (!words) goto done;
        for (Py_ssize_t w = 0; w < PySequence_Fast_GET_SIZE(words); w++) {
            PyObject *word = PySequence_Fast_GET_ITEM(words, w);
            if (!PyUnicode_Check(word) || PyUnicode_GET_LENGTH(word) == 0) {
                Py_DECREF(words);
                PyErr_SetString(PyExc_ValueError, "required strings must be non-empty str");
                goto done;
            }
            max_nodes += PyUnicode_GET_LENGTH(word);
        }
        Py_DECREF(words);
    }
    if (max_nodes > INT32_MAX / 128) {
        PyErr_SetString(PyExc_ValueError, "too many required strings");
        goto done;
    }
    int32_t wpm = (int32_t)((n_groups + 63) / 64);
    if (wpm == 0) wpm = 1;
    a = PyMem_Calloc(1, sizeof(Automaton));
    tedges = PyMem_Malloc(max_nodes * sizeof(TrieEdge));
    first_child = PyMem_Malloc(max_nodes * sizeof(int32_t));
    own = PyMem_Calloc(max_nodes * wpm, sizeof(uint64_t));
    if (!a || !tedges || !first_child || !own) { PyErr_NoMemory(); goto done; }
    int32_t n_nodes = 1, n_edges = 0;
    first_child[0] = -1;
    for (Py_ssize_t g = 0; g < n_groups; g++) {
        PyObject *words = PySequence_Fast(PySequence_Fast_GET_ITEM(gseq, g), "each group must be a sequence of str");
        if (!words) goto done;
        for (Py_ssize_t w = 0; w < PySequence_Fast_GET_SIZE(words); w++) {
            PyObject *word = PySequence_Fast_GET_ITEM(words, w);
            int kind = PyUnicode_KIND(word);
            const void *data = PyUnicode_DATA(word);
            int32_t node = 0;
            for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(word); i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                int32_t e = first_child[node];
                while (e >= 0 && tedges[e].c != c) e = tedges[e].sibling;
                if (e < 0) {
                    first_child[n_nodes] = -1;
                    tedges[n_edges] = (TrieEdge){c, n_nodes, first_child[node]};
                    first_child[node] = n_edges++;
                    node = n_nodes++;
                } else {
                    node = tedges[e].next;
                }
            }
            own[(Py_ssize_t)node * wpm + g / 64] |= (uint64_t)1 << (g % 64);
        }
        Py_DECREF(words);
    }
    a->n_nodes = n_nodes;
    a->n_groups = (int32_t)n_groups;
    a->words_per_mask = wpm;
    a->fail = PyMem_Malloc(n_nodes * sizeof(int32_t));
    a->edge_start = PyMem_Malloc((n_nodes + 1) * sizeof(int32_t));
    a->edges = PyMem_Malloc((n_edges ? n_edges : 1) * sizeof(Edge));
    a->ascii = PyMem_Malloc((Py_ssize_t)n_nodes * 128 * sizeof(int32_t));
    a->out = PyMem_Calloc((Py_ssize_t)n_nodes * wpm, sizeof(uint64_t));
    queue = PyMem_Malloc(n_nodes * sizeof(int32_t));
    if (!a->fail || !a->edge_start || !a->edges || !a->ascii || !a->out || !queue) { PyErr_NoMemory(); goto done; }
    /* Sorted child lists. */
    int32_t k = 0;
    for (int32_t node = 0; node < n_nodes; node++) {
        a->edge_start[node] = k;
        for (int32_t e = first_child[node]; e >= 0; e = tedges[e].sibling) a->edges[k++] = (Edge){tedges[e].c, tedges[e].next};
        qsort(a->edges + a->edge_start[node], k - a->edge_start[node], sizeof(Edge), cmp_edge);
    }
    a->edge_start[n_nodes] = k;
    /* Failure links, outputs and the ASCII moves, breadth first from the root. */
    int32_t head = 0, tail = 0;
    a->fail[0] = 0;
    memcpy(a->out, own, wpm * sizeof(uint64_t));
    for (int c = 0; c < 128; c++) {
        int32_t child = child_of(a, 0, (Py_UCS4)c);
        a->ascii[c] = child >= 0 ? child : 0;
    }
    for (int32_t e = a->edge_start[0]; e < a->edge_start[1]; e++) {
        int32_t child = a->edges[e].next;
        a->fail[child] = 0;
        queue[tail++] = child;
    }
    while (head < tail) {
        int32_t node = queue[head++];
        for (int32_t w = 0; w < wpm; w++)
            a->out[(Py_ssize_t)node * wpm + w] = own[(Py_ssize_t)node * wpm + w] | a->out[(Py_ssize_t)a->fail[node] * wpm + w];
        for (int c = 0; c < 128; c++) {
            int32_t child = child_of(a, node, (Py_UCS4)c);
            a->ascii[(Py_ssize_t)node * 128 + c] = child >= 0 ? child : a->ascii[(Py_ssize_t)a->fail[node] * 128 + c];
        }
        for (int32_t e = a->edge_start[node]; e < a->edge_start[node + 1]; e++) {
            int32_t child = a->edges[e].next;
            Py_UCS4 c = a->edges[e].c;
            int32_t f = a->fail[node], target;
            while ((target = child_of(a, f, c)) < 0 && f != 0) f = a->fail[f];
            a->fail[child] = (target >= 0 && target != child) ? target : 0;
            queue[tail++] = child;
        }
    }
    result = PyCapsule_New(a, "cleanfeed._cmatch.Automaton", capsule_free);
    if (result) a = NULL; /* the capsule owns it */
done:
    Py_DECREF(gseq);
    free_automaton(a);
    PyMem_Free(tedges);
    PyMem_Free(first_child);
    PyMem_Free(own);
    PyMem_Free(queue);
    return result;
}

/* present(automaton, text) -> bytes: one byte per group, 1 when one of its strings occurs in text. */
static PyObject *present(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &capsule, &text)) return NULL;
    const Automaton *a = PyCapsule_GetPointer(capsule, "cleanfeed._cmatch.Automaton");
    if (!a) return NULL;
    uint64_t found[64] = {0};
    uint64_t *acc = a->words_per_mask <= 64 ? found : PyMem_Calloc(a->words_per_mask, sizeof(uint64_t));
    if (!acc) return PyErr_NoMemory();
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int32_t state = 0, wpm = a->words_per_mask;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 128) {
            state = a->ascii[(Py_ssize_t)state * 128 + c];
        } else {
            int32_t next;
            while ((next = child_of(a, state, c)) < 0 && state != 0) state = a->fail[state];
            state = next >= 0 ? next : 0;
        }
        const uint64_t *o = a->out + (Py_ssize_t)state * wpm;
        for (int32_t w = 0; w < wpm; w++) acc[w] |= o[w];
    }
    PyObject *result = PyBytes_FromStringAndSize(NULL, a->n_groups);
    if (result) {
        char *bytes = PyBytes_AS_STRING(result);
        for (int32_t g = 0; g < a->n_groups; g++) bytes[g] = (char)((acc[g / 64] >> (g % 64)) & 1);
    }
    if (acc != found) PyMem_Free(acc);
    return result;
}

static PyMethodDef methods[] = {
    {"build", build, METH_VARARGS,
     "build(groups) -> automaton: an Aho-Corasick automaton over every string of every group (sequences of "
     "non-empty str)."},
    {"present", present, METH_VARARGS,
     "present(automaton, text) -> bytes: for each group, 1 if one of its strings occurs in text, else 0."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_cmatch", "cleanfeed's compiled rule pre-checks.", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__cmatch(void) { return PyModule_Create(&module); }
