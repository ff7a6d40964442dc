# %%
df = pd.read_csv("mushrooms.csv")
X = df.drop(columns="class")
y = df["class"]
tree = DecisionTreeClassifier(random_state=0)
tree.fit(X, y)
predictions = tree.predict(X)
print("Accuracy of the model:", accuracy_score(y, predictions))
