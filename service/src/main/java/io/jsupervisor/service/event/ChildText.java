package io.jsupervisor.service.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import io.jsupervisor.config.syntax.PythonText;

/** How supervisord puts bytes a child wrote into an event's text: as UTF-8, or {@code Undecodable: b'...'}. */
public final class ChildText {
    private ChildText() {
    }

    /** The text of {@code data}. */
    public static String of(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return "Undecodable: " + PythonText.bytesRepr(data);
        }
    }
}
