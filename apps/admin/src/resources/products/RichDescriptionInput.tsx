import { Box, FormHelperText } from '@mui/material';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { InputHelperText, Labeled, useInput, useTranslate } from 'react-admin';
import { DescriptionToolbar } from './DescriptionToolbar';

/**
 * Headings h2–h4 only: the page's title is the product's, and the server's sanitiser keeps
 * h1–h4. Links are typed or pasted (autolink), never opened while editing.
 */
const extensions = [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false } })];

/** The editor's HTML as the form keeps it: an empty editor is '' (not '<p></p>'). */
const htmlOf = (editor: { isEmpty: boolean; getHTML(): string }) => (editor.isEmpty ? '' : editor.getHTML());

/**
 * A tiptap editor bound to a react-admin form field. Loaded lazily (see DescriptionInput): it is
 * the heaviest thing on the product forms.
 */
const RichDescriptionInput = ({ source, label }: { source: string; label: string }) => {
  const translate = useTranslate();
  const { id, field, fieldState } = useInput({ source, defaultValue: '' });
  const name = translate(label);
  const editor = useEditor(
    {
      extensions,
      content: field.value ?? '',
      editorProps: {
        attributes: { id, role: 'textbox', 'aria-multiline': 'true', 'aria-label': name },
      },
    },
    [id, name],
  );

  // The form's value can change under the editor (record loaded, form reset): follow it quietly.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const value = typeof field.value === 'string' ? field.value : '';
    if (value !== htmlOf(editor)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, field.value]);

  useEffect(() => {
    if (!editor) return;
    const update = () => field.onChange(htmlOf(editor));
    editor.on('update', update);
    editor.on('blur', field.onBlur);
    return () => {
      editor.off('update', update);
      editor.off('blur', field.onBlur);
    };
  }, [editor, field]);

  return (
    <Labeled label={label} source={source} fullWidth color={fieldState.invalid ? 'error' : undefined}>
      <Box sx={{ width: '100%' }}>
        <DescriptionToolbar editor={editor} />
        <Box
          sx={{
            '& .ProseMirror': {
              minHeight: 120,
              p: 1,
              border: 1,
              borderColor: fieldState.invalid ? 'error.main' : 'divider',
              borderRadius: 1,
              outline: 'none',
              '&:focus': { borderColor: 'primary.main' },
              '& p': { my: 0.5 },
            },
          }}
        >
          <EditorContent editor={editor} />
        </Box>
        <FormHelperText error={fieldState.invalid}>
          <InputHelperText error={fieldState.error?.message} />
        </FormHelperText>
      </Box>
    </Labeled>
  );
};

export default RichDescriptionInput;
