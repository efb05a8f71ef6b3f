import FormatBoldIcon from '@mui/icons-material/FormatBold';
import FormatClearIcon from '@mui/icons-material/FormatClear';
import FormatItalicIcon from '@mui/icons-material/FormatItalic';
import FormatListBulletedIcon from '@mui/icons-material/FormatListBulleted';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import FormatQuoteIcon from '@mui/icons-material/FormatQuote';
import FormatStrikethroughIcon from '@mui/icons-material/FormatStrikethrough';
import FormatUnderlinedIcon from '@mui/icons-material/FormatUnderlined';
import TitleIcon from '@mui/icons-material/Title';
import { Stack, ToggleButton } from '@mui/material';
import { type Editor, useEditorState } from '@tiptap/react';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';

interface Command {
  name: string;
  icon: ReactElement;
  /** What the button shows as pressed, when the selection already has it. */
  active?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const commands: Command[] = [
  {
    name: 'bold',
    icon: <FormatBoldIcon fontSize="small" />,
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    name: 'italic',
    icon: <FormatItalicIcon fontSize="small" />,
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    name: 'underline',
    icon: <FormatUnderlinedIcon fontSize="small" />,
    active: (e) => e.isActive('underline'),
    run: (e) => e.chain().focus().toggleUnderline().run(),
  },
  {
    name: 'strike',
    icon: <FormatStrikethroughIcon fontSize="small" />,
    active: (e) => e.isActive('strike'),
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  {
    name: 'heading',
    icon: <TitleIcon fontSize="small" />,
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    name: 'list_bulleted',
    icon: <FormatListBulletedIcon fontSize="small" />,
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    name: 'list_numbered',
    icon: <FormatListNumberedIcon fontSize="small" />,
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    name: 'blockquote',
    icon: <FormatQuoteIcon fontSize="small" />,
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    name: 'clear_format',
    icon: <FormatClearIcon fontSize="small" />,
    run: (e) => e.chain().focus().unsetAllMarks().clearNodes().run(),
  },
];

/** Only formatting the server's sanitiser keeps: no colours, alignment or inline images. */
export const DescriptionToolbar = ({ editor }: { editor: Editor | null }) => {
  const translate = useTranslate();
  const pressed = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      commands.map((command) => (current && command.active ? command.active(current) : false)),
  });
  return (
    <Stack direction="row" spacing={0.5} sx={{ mb: 1, flexWrap: 'wrap' }}>
      {commands.map((command, i) => {
        const label = translate(`resources.products.editor.${command.name}`);
        return (
          <ToggleButton
            key={command.name}
            value={command.name}
            size="small"
            aria-label={label}
            title={label}
            selected={pressed?.[i] ?? false}
            disabled={!editor}
            onChange={() => editor && command.run(editor)}
          >
            {command.icon}
          </ToggleButton>
        );
      })}
    </Stack>
  );
};
