package io.jsupervisor.service.xmlrpc;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A strict walk through an XML-RPC body (decoded by {@link XmlEncoding}), tag by tag, on the JDK's
 * own StAX parser set never to process a DTD, load anything external or resolve an entity. A DOCTYPE
 * is refused as soon as it is seen, before any tag is handed out, so neither an external entity
 * (XXE) nor an entity bomb is ever expanded; an entity reference (which without a DTD can only be
 * undeclared) is refused too, as is text where only tags belong. Comments and processing
 * instructions are skipped.
 *
 * <p>Each method moves past the current event; the tag it stops at is the new current one. Names are
 * compared as written: XML-RPC has no namespaces. One cursor per body, used by one thread.
 */
final class XmlCursor implements AutoCloseable {
    /** The JDK parser's limit on element depth (it has no constant for it). */
    private static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

    private final XMLStreamReader xml;

    private XmlCursor(XMLStreamReader xml) {
        this.xml = xml;
    }

    static XmlCursor over(byte[] body) throws XmlRpcFormatException {
        // A factory per body: the JDK's factory is not documented as thread-safe, and it is cheap.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        // JDK 24 and later cap element depth at 100 by default, below the 197 that MAX_NESTING
        // allows (4 for the envelope, 3 for each array or struct, 1 for the innermost value). The
        // same cap on every JDK, a little above that, lets the reader's clearer message come first.
        factory.setProperty(MAX_ELEMENT_DEPTH, Integer.toString(3 * XmlRpcReader.MAX_NESTING + 8));
        try {
            return new XmlCursor(factory.createXMLStreamReader(new StringReader(XmlEncoding.decode(body))));
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Moves to the next tag, which must be the start of {@code name}. */
    void start(String name) throws XmlRpcFormatException {
        if (!nextTagIsStart() || !xml.getLocalName().equals(name)) {
            throw error("expected <" + name + ">, found " + tag());
        }
    }

    /**
     * Moves to the next tag and says whether it is the start of {@code name} (true) or an end tag
     * (false); the start of any other element is an error.
     */
    boolean startOrEnd(String name) throws XmlRpcFormatException {
        if (!nextTagIsStart()) {
            return false;
        }
        if (!xml.getLocalName().equals(name)) {
            throw error("expected <" + name + ">, found " + tag());
        }
        return true;
    }

    /** Moves to the next tag, which must be the end of the current element. */
    void end() throws XmlRpcFormatException {
        if (nextTagIsStart()) {
            throw error("unexpected " + tag());
        }
    }

    /** Moves to the next tag, start or end, and says which; text before it must be blank. */
    boolean nextTagIsStart() throws XmlRpcFormatException {
        String text = textUntilTag();
        if (!isBlank(text)) {
            throw error("unexpected text " + excerpt(text) + " before " + tag());
        }
        return atStart();
    }

    /** The whole text of the current element, which must have no child element. */
    String text() throws XmlRpcFormatException {
        String element = xml.getLocalName();
        String text = textUntilTag();
        if (atStart()) {
            throw error("unexpected " + tag() + " in <" + element + ">");
        }
        return text;
    }

    /**
     * Moves to the next tag and returns the text before it (character data, CDATA sections and
     * references to predefined entities and characters, joined).
     */
    String textUntilTag() throws XmlRpcFormatException {
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                switch (xml.next()) {
                    case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                        return text.toString();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(xml.getText());
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        // skipped, as any XML parser would
                    }
                    case XMLStreamConstants.DTD -> throw error("a DOCTYPE is not allowed in XML-RPC");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw error("undeclared entity &" + xml.getLocalName() + ";");
                    default -> throw error("unexpected XML event " + xml.getEventType());
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Reads past the root element's end: only comments, processing instructions and blanks may follow. */
    void finish() throws XmlRpcFormatException {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event != XMLStreamConstants.COMMENT && event != XMLStreamConstants.PROCESSING_INSTRUCTION
                        && event != XMLStreamConstants.SPACE && event != XMLStreamConstants.END_DOCUMENT) {
                    throw error("unexpected content after the root element");
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Whether the current event is a start tag (or else an end tag). */
    boolean atStart() {
        return xml.getEventType() == XMLStreamConstants.START_ELEMENT;
    }

    /** The name of the current tag. */
    String name() {
        return xml.getLocalName();
    }

    /** The current start or end tag, as written in messages. */
    String tag() {
        return (atStart() ? "<" : "</") + xml.getLocalName() + ">";
    }

    /** An error at the current position. */
    XmlRpcFormatException error(String message) {
        return new XmlRpcFormatException("line " + xml.getLocation().getLineNumber() + ": " + message);
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Nothing to release: the body is in memory.
        }
    }

    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** {@code text} quoted and cut short for a message. */
    static String excerpt(String text) {
        if (text.length() <= 40) {
            return "'" + text + "'";
        }
        int cut = Character.isHighSurrogate(text.charAt(39)) ? 39 : 40;
        return "'" + text.substring(0, cut) + "...'";
    }

    private static XmlRpcFormatException malformed(XMLStreamException e) {
        return new XmlRpcFormatException("malformed XML: " + e.getMessage().replace('\n', ' '), e);
    }
}
