"""jupyter_kernel_test conformance suite for the econb kernel (GoNB).

Run by conformance_test.go (go test ./kernel/nbtests) with the Jupyter data
directory holding the "econb" kernelspec in JUPYTER_DATA_DIR.

Supported by GoNB and tested as jupyter_kernel_test defines: kernel_info,
execute (stdout, stderr), error, display_data, completion and inspect
(through gopls).

Not supported by GoNB v0.11.5, stated here and checked not to hang the
kernel (the kernel must still run a cell afterwards):
  - is_complete: GoNB ignores is_complete_request (no reply; it is not a
    console-style kernel), see internal/dispatcher/dispatcher.go.
  - history: GoNB does not implement history_request (no reply).
  - execute_result: GoNB shows values with display_data, never
    execute_result; a cell's last expression is not echoed.
  - error: GoNB sends two outputs for a failing cell, a display_data with
    the compiler error rendered in HTML and then the error message, where
    jupyter_kernel_test wants the error message alone. test_error checks
    that shape instead: status "error", one error message, last, and the
    compiler's text in the display.
  - display pipe race: GoNB v0.11.5 closes the display pipe when a cell's
    program exits, so output sent just before exiting can be lost (seen
    once in CI under load: display_data with no output). Display cells
    therefore end with gonbui.Sync(), GoNB's documented way to flush.
  - pager payloads and clear_output: no GoNB equivalent cells.
  - first completion on a cold cache: gopls loads the packages on its
    first request, which can take longer than GoNB's deadline for a
    complete_request; GoNB then replies with status "error" and no
    ename/evalue (invalid by the message spec). warm_up therefore asks
    for the sample completion until gopls answers (as a user presses Tab
    again), and test_completion checks the answer of a warm gopls.
"""

import os
import queue
import time
import unittest

import jupyter_kernel_test as jkt

# The first cell compiles the notebook's imports; on a cold Go build cache
# that takes ~20 s, longer than jupyter_kernel_test's 15 s per message.
WARMUP_TIMEOUT = 600
# How long an unsupported request may go without a reply before we
# conclude the kernel ignores it.
IGNORED_WAIT = 3


class EconbKernelTests(jkt.KernelTests):
    kernel_name = os.environ.get("ECONB_KERNEL", "econb")
    language_name = "go"
    file_extension = ".go"

    code_hello_world = '%%\nfmt.Println("hello, world")'
    code_stderr = '%%\nfmt.Fprintln(os.Stderr, "to stderr")'
    code_generate_error = '%%\nvar x int = "not an int"\n_ = x'
    code_display_data = [
        {"code": 'import "github.com/janpfeifer/gonb/gonbui"\n%%\ngonbui.DisplayHTML("<b>econb</b>")\ngonbui.Sync()', "mime": "text/html"},
        {"code": '%%\ngonbui.DisplayMarkdown("$x^2$")\ngonbui.Sync()', "mime": "text/markdown"},
    ]
    completion_samples = [{"text": "import \"strings\"\n%%\nstrings.ToUpp"}]
    code_inspect_sample = 'import "strings"\n%%\nstrings.ToUpper'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.warm_up()
        except BaseException:
            cls.tearDownClass()  # unittest skips it when setUpClass fails: do not leak the kernel
            raise

    @classmethod
    def warm_up(cls):
        cls.kc.wait_for_ready(timeout=60)
        # As every econb notebook: resolve imports from the repository's
        # go.mod, never through `go get` (which asks the proxy).
        reply = cls.kc.execute_interactive("%noautoget", timeout=60, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        # Compile a cell with gonbui once, with a long timeout.
        reply = cls.kc.execute_interactive(
            'import "github.com/janpfeifer/gonb/gonbui"\n%%\ngonbui.DisplayHTML("warm")\ngonbui.Sync()',
            timeout=WARMUP_TIMEOUT, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        # Let gopls load the packages (see the module docstring).
        text = cls.completion_samples[0]["text"]
        deadline = time.monotonic() + WARMUP_TIMEOUT
        while True:
            msg_id = cls.kc.complete(text, len(text))
            reply = cls.kc.get_shell_msg(timeout=WARMUP_TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = cls.kc.get_shell_msg(timeout=WARMUP_TIMEOUT)
            if reply["content"]["status"] == "ok" or time.monotonic() > deadline:
                break
            time.sleep(1)

    def test_error(self):
        """GoNB's shape of an error (see the module docstring)."""
        self.flush_channels()
        reply, outputs = self.execute_helper(self.code_generate_error)
        self.assertEqual(reply["content"]["status"], "error")
        types = [m["msg_type"] for m in outputs]
        self.assertEqual(types.count("error"), 1, types)
        self.assertEqual(types[-1], "error", types)
        shown = "".join(m["content"].get("data", {}).get("text/html", "") for m in outputs)
        self.assertIn("cannot use", shown)

    def assert_still_responsive(self):
        reply, outputs = self.execute_helper('%%\nfmt.Println("still alive")', timeout=120)
        self.assertEqual(reply["content"]["status"], "ok")
        text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertIn("still alive", text)

    def assert_ignored(self, msg_id):
        """The request gets no reply within IGNORED_WAIT seconds (GoNB ignores it)."""
        try:
            while True:
                reply = self.kc.get_shell_msg(timeout=IGNORED_WAIT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply
        except queue.Empty:
            return None

    def test_unsupported_is_complete_does_not_hang(self):
        """GoNB ignores is_complete_request; the kernel keeps working."""
        self.flush_channels()
        reply = self.assert_ignored(self.kc.is_complete('%%\nfmt.Println("x"'))
        if reply is not None:  # a later GoNB may answer: then it must be valid
            jkt.validate_message(reply, "is_complete_reply", reply["parent_header"]["msg_id"])
        self.assert_still_responsive()

    def test_unsupported_history_does_not_hang(self):
        """GoNB sends no history_reply; econb's patch makes it publish busy
        and idle for the request (so JupyterLab shows the kernel idle on
        open, kernel/assets/gonbpatch); the kernel keeps working."""
        self.flush_channels()
        msg_id = self.kc.history(hist_access_type="tail", n=3, output=False, raw=True)
        reply = self.assert_ignored(msg_id)
        if reply is not None:
            jkt.validate_message(reply, "history_reply", reply["parent_header"]["msg_id"])
        states = []
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=2)
            except queue.Empty:
                break
            if msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == msg_id:
                states.append(msg["content"]["execution_state"])
        self.assertEqual(states, ["busy", "idle"])
        self.assert_still_responsive()

    def test_unsupported_execute_result_is_display_data(self):
        """GoNB never sends execute_result: values are shown with display_data."""
        self.flush_channels()
        reply, outputs = self.execute_helper('%%\ngonbui.DisplayHTML("<i>42</i>")\ngonbui.Sync()', timeout=120)
        self.assertEqual(reply["content"]["status"], "ok")
        types = [m["msg_type"] for m in outputs]
        self.assertNotIn("execute_result", types)
        self.assertIn("display_data", types)


if __name__ == "__main__":
    unittest.main(verbosity=2)
