package io.jsupervisor.service.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test double of the XML-RPC dispatcher: answers a few methods with the bodies Python's
 * {@code xmlrpc.client.dumps(..., methodresponse=True)} gives, fails on purpose for others, and
 * completes one on another thread after a while, as the control thread would.
 */
final class CannedRpc implements RpcService {
    /** {@code xmlrpc.client.dumps(('3.0',), methodresponse=True)}: what {@code supervisor.getVersion} answers. */
    static final String VERSION_3_0 = response("3.0");
    /** What {@code supervisor.getSupervisorVersion} answers. */
    static final String VERSION_4_2_5 = response("4.2.5");
    private static final Pattern METHOD = Pattern.compile("<methodName>([^<]*)</methodName>");

    static String call(String method) {
        return "<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method
                + "</methodName>\n<params>\n</params>\n</methodCall>\n";
    }

    private static String response(String value) {
        return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>" + value
                + "</string></value>\n</param>\n</params>\n</methodResponse>\n";
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] body) {
        Matcher m = METHOD.matcher(new String(body, StandardCharsets.UTF_8));
        if (!m.find() || m.group(1).isEmpty()) {
            return CompletableFuture.failedFuture(
                    new BadRequestException("XML-RPC request data is invalid: no method name"));
        }
        switch (m.group(1)) {
            case "supervisor.getVersion":
                return CompletableFuture.completedFuture(bytes(VERSION_3_0));
            case "supervisor.getSupervisorVersion":
                return CompletableFuture.completedFuture(bytes(VERSION_4_2_5));
            case "test.later":
                return CompletableFuture.supplyAsync(() -> bytes(VERSION_3_0),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            case "test.throw":
                throw new IllegalStateException("thrown by the service itself");
            default:
                return CompletableFuture.failedFuture(new IllegalStateException("no such canned method"));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
